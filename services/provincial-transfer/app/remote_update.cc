#include "services/provincial-transfer/app/remote_update.h"

namespace hotline::transfer {

v1::RemoteUpdate RemoteUpdateOf(const std::string& peer, const v1::StatusUpdate& update) {
  v1::RemoteUpdate event;
  event.set_remote_instance(update.handling_instance().empty() ? peer : update.handling_instance());
  event.set_remote_ticket_number(update.remote_ticket_number());
  event.set_remote_state(update.remote_state());
  *event.mutable_occurred_at() = update.occurred_at();
  switch (update.change_case()) {
    case v1::StatusUpdate::kAccepted:
      event.set_change(v1::REMOTE_CHANGE_ACCEPTED);
      break;
    case v1::StatusUpdate::kDispatched:
      event.set_change(v1::REMOTE_CHANGE_DISPATCHED);
      for (const std::string& unit : update.dispatched().unit_ids()) event.add_unit_ids(unit);
      break;
    case v1::StatusUpdate::kReplied:
      event.set_change(v1::REMOTE_CHANGE_REPLIED);
      if (!update.replied().unit_id().empty()) event.add_unit_ids(update.replied().unit_id());
      break;
    case v1::StatusUpdate::kClosed:
      event.set_change(v1::REMOTE_CHANGE_CLOSED);
      break;
    case v1::StatusUpdate::kFollowedUp:
      event.set_change(v1::REMOTE_CHANGE_FOLLOWED_UP);
      event.set_satisfaction(update.followed_up().satisfaction());
      event.set_resolved(update.followed_up().resolved());
      break;
    case v1::StatusUpdate::kReturned:
      event.set_change(v1::REMOTE_CHANGE_RETURNED);
      event.set_reason_code(update.returned().reason_code());
      break;
    case v1::StatusUpdate::kWithdrawn:
      event.set_change(v1::REMOTE_CHANGE_WITHDRAWN);
      event.set_reason_code(update.withdrawn().reason_code());
      break;
    case v1::StatusUpdate::kRecallDeclined:
      event.set_change(v1::REMOTE_CHANGE_RECALL_DECLINED);
      event.set_reason_code(update.recall_declined().reason_code());
      break;
    case v1::StatusUpdate::CHANGE_NOT_SET:
      break;
  }
  return event;
}

}  // namespace hotline::transfer
