#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/service/token_auth.h"

namespace hotline::transfer {

// PERMISSION_DENIED unless the caller's role may call `rpc` (a method of
// hotline.transfer.v1.Transfer); the table is in access.cc and says the scope of each. The peer
// port (TransferPeer) takes no tokens: its callers are peers proven by mutual TLS
// (peer_identity.h), never a role.
absl::Status RequireAccess(absl::string_view rpc, const service::Principal& caller);

}  // namespace hotline::transfer
