#include "services/supervision/rules/clock_row.h"

#include "libs/common/proto_time.h"

namespace hotline::supervision {

namespace v1 = hotline::supervision::v1;

v1::Clock ClockToProto(const ClockRow& c, absl::Time now) {
  v1::Clock out;
  out.set_id(c.id);
  out.set_ticket_number(c.ticket_number);
  out.set_kind(static_cast<v1::ClockKind>(c.kind));
  out.set_assignment_id(c.assignment_id);
  out.set_unit_id(c.unit_id);
  out.set_region_code(c.region_code);
  out.set_state(static_cast<v1::ClockState>(c.state));
  *out.mutable_started_at() = ToTimestamp(c.started_at);
  *out.mutable_due_at() = ToTimestamp(c.due_at);
  if (c.warn_at) *out.mutable_warn_at() = ToTimestamp(*c.warn_at);
  out.mutable_paused()->set_seconds(absl::ToInt64Seconds(c.paused));
  out.set_extensions(c.extensions);
  out.set_last_step(static_cast<v1::EscalationStep>(c.last_step));
  out.set_policy_id(c.policy_id);
  out.set_calendar(c.calendar);
  out.mutable_lateness()->set_seconds(absl::ToInt64Seconds(now - c.due_at));
  return out;
}

}  // namespace hotline::supervision
