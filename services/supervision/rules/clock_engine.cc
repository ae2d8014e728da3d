#include "services/supervision/rules/clock_engine.h"

namespace hotline::supervision {

absl::StatusOr<std::optional<ClockRow>> ClockEngine::Start(
    const hotline::common::v1::Ticket& ticket, ClockKind kind, absl::Time start) const {
  absl::StatusOr<const PolicyRow*> policy = settings_.PolicyFor(
      static_cast<int>(ticket.kind()), static_cast<int>(ticket.urgency()), ticket.category());
  if (!policy.ok()) return policy.status();
  const Limit* limit = nullptr;
  switch (kind) {
    case ClockKind::kSignFor:
      limit = &(*policy)->sign_for;
      break;
    case ClockKind::kHandling:
      limit = &(*policy)->handling;
      break;
    case ClockKind::kCoReply:
      limit = &(*policy)->co_reply;
      break;
    case ClockKind::kFollowUp:
      limit = &(*policy)->follow_up;
      break;
    case ClockKind::kRetention:
      return absl::InvalidArgumentError("retention clocks start with StartRetention");
  }
  if (limit->amount <= 0) return std::optional<ClockRow>();
  auto calendar = settings_.Calendar((*policy)->calendar);
  if (!calendar.ok()) return calendar.status();

  ClockRow c;
  c.ticket_id = ticket.id();
  c.ticket_number = ticket.number();
  c.kind = kind;
  c.region_code = ticket.region().code();
  c.policy_id = (*policy)->id;
  c.calendar = (*policy)->calendar;
  c.limit = *limit;
  c.warning_point = (*policy)->warning_point;
  c.started_at = start;
  absl::StatusOr<absl::Time> due = DueAfter(**calendar, start, *limit);
  if (!due.ok()) return due.status();
  c.due_at = *due;
  if (absl::Status s = Schedule(c); !s.ok()) return s;
  return std::optional<ClockRow>(std::move(c));
}

absl::StatusOr<ClockRow> ClockEngine::StartRetention(const hotline::common::v1::Ticket& ticket,
                                                     absl::Time start) const {
  absl::StatusOr<const PolicyRow*> policy = settings_.PolicyFor(
      static_cast<int>(ticket.kind()), static_cast<int>(ticket.urgency()), ticket.category());
  if (!policy.ok()) return policy.status();
  ClockRow c;
  c.ticket_id = ticket.id();
  c.ticket_number = ticket.number();
  c.kind = ClockKind::kRetention;
  c.region_code = ticket.region().code();
  c.policy_id = (*policy)->id;
  c.calendar = (*policy)->calendar;
  c.limit = {LimitUnit::kCalendarHours, absl::ToDoubleHours((*policy)->retention)};
  c.started_at = start;
  c.due_at = start + (*policy)->retention;
  c.next_fire_at = c.due_at;
  return c;
}

absl::Status ClockEngine::Schedule(ClockRow& c) const {
  auto calendar = settings_.Calendar(c.calendar);
  if (!calendar.ok()) return calendar.status();
  if (c.kind != ClockKind::kRetention) {
    absl::StatusOr<std::optional<absl::Time>> warn =
        WarnAt(**calendar, c.started_at, c.due_at, c.warning_point);
    if (!warn.ok()) return warn.status();
    c.warn_at = *warn;
  }
  absl::StatusOr<std::optional<NextStep>> next =
      NextRung(**calendar, c.kind, c.last_step, c.warn_at, c.due_at, settings_.rungs);
  if (!next.ok()) return next.status();
  c.next_fire_at = *next ? std::optional<absl::Time>((*next)->at) : std::nullopt;
  return absl::OkStatus();
}

void ClockEngine::Pause(ClockRow& c, absl::Time at) const {
  if (c.state != ClockState::kRunning) return;
  c.state = ClockState::kPaused;
  c.paused_since = at;
}

absl::Status ClockEngine::Resume(ClockRow& c, absl::Time at) const {
  if (c.state != ClockState::kPaused || !c.paused_since) return absl::OkStatus();
  auto calendar = settings_.Calendar(c.calendar);
  if (!calendar.ok()) return calendar.status();
  const absl::Time paused_at = *c.paused_since;
  absl::StatusOr<absl::Time> due = ShiftByPause(**calendar, c.limit.unit, c.due_at, paused_at, at);
  if (!due.ok()) return due.status();
  absl::StatusOr<absl::Time> start =
      ShiftByPause(**calendar, c.limit.unit, c.started_at, paused_at, at);
  if (!start.ok()) return start.status();
  c.paused += at - paused_at;
  c.due_at = *due;
  c.state = ClockState::kRunning;
  c.paused_since.reset();
  // The warning point keeps its share of the (shifted) span; the ladder goes on from the last
  // rung fired. started_at itself stays the real start: only the computation uses the shift.
  const absl::Time real_start = c.started_at;
  c.started_at = *start;
  absl::Status scheduled = Schedule(c);
  c.started_at = real_start;
  return scheduled;
}

absl::Status ClockEngine::Extend(ClockRow& c, absl::Time new_due) const {
  c.due_at = new_due;
  ++c.extensions;
  return Schedule(c);
}

void ClockEngine::Stop(ClockRow& c) const {
  c.state = ClockState::kStopped;
  c.next_fire_at.reset();
}

absl::Status ClockEngine::Fired(ClockRow& c, Step step) const {
  c.last_step = step;
  if (c.kind == ClockKind::kRetention) {
    Stop(c);
    return absl::OkStatus();
  }
  return Schedule(c);
}

absl::StatusOr<Step> ClockEngine::DueStep(const ClockRow& c) const {
  auto calendar = settings_.Calendar(c.calendar);
  if (!calendar.ok()) return calendar.status();
  absl::StatusOr<std::optional<NextStep>> next =
      NextRung(**calendar, c.kind, c.last_step, c.warn_at, c.due_at, settings_.rungs);
  if (!next.ok()) return next.status();
  if (!*next) return absl::FailedPreconditionError("nothing left to fire");
  return (*next)->step;
}

}  // namespace hotline::supervision
