#pragma once

#include "libs/service/access_table.h"

namespace hotline::transfer {

// Who may call each RPC of hotline.transfer.v1.Transfer (token port) and TransferPeer (peer port,
// whose callers are peers proven by mutual TLS: peer_identity.h, never a role): the table in
// access.cc, printed by the root README's security section. The auth interceptor enforces it
// before any handler runs.
const service::AccessTable& TransferAccess();

}  // namespace hotline::transfer
