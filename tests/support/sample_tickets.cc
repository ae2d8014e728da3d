#include "tests/support/sample_tickets.h"

namespace hotline::testing {

namespace v1 = hotline::common::v1;

v1::Ticket SampleTicketDraft() {
  v1::Ticket draft;
  draft.set_channel(v1::CHANNEL_PHONE);
  draft.set_source_line(v1::SOURCE_LINE_12345);
  draft.set_kind(v1::TICKET_KIND_COMPLAINT);
  draft.set_urgency(v1::URGENCY_NORMAL);
  draft.set_category("public-utilities/water");
  draft.mutable_region()->set_code("530102");
  return draft;
}

v1::Actor SampleActor(const std::string& principal) {
  v1::Actor actor;
  actor.set_role(v1::ROLE_SUPERVISOR);
  actor.set_principal(principal);
  return actor;
}

}  // namespace hotline::testing
