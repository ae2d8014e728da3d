#include "services/provincial-transfer/events/transferred_out_handler.h"

#include "hotline/routing/v1/routing.pb.h"
#include "libs/domain/event_types.h"

namespace hotline::transfer {

bool TicketEventsHandler::Wants(const hotline::common::v1::EventEnvelope& event) const {
  return event.type() == event_type::kRoutingTransferredOut;
}

absl::Status TicketEventsHandler::Handle(const hotline::common::v1::EventEnvelope& event,
                                         Transaction& tx) const {
  if (!Wants(event)) return absl::OkStatus();
  hotline::routing::v1::TransferredOut out;
  if (!event.payload().UnpackTo(&out)) {
    return absl::InvalidArgumentError("routing.transferred_out without its payload");
  }
  TransferredOutFacts facts{out.reason_code(),
                            {out.departments().begin(), out.departments().end()}};
  return forwarding_.OnTransferredOut(tx, event.ticket_id(), facts);
}

}  // namespace hotline::transfer
