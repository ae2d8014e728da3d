#pragma once

#include <string>

#include "hotline/transfer/v1/transfer.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"

namespace hotline::transfer {

// The transfer.remote_update event of a status update `peer` delivered: the instance handling the
// ticket (the peer, or the one it relays for), what changed there, and codes only (a reply's text
// is kept with the ticket, not on the event).
v1::RemoteUpdate RemoteUpdateOf(const std::string& peer, const v1::StatusUpdate& update);

}  // namespace hotline::transfer
