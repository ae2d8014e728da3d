#include "services/supervision/rules/deadline_rules.h"

#include <cmath>
#include <tuple>

#include "libs/domain/category_code.h"

namespace hotline::supervision {
namespace {

auto Rank(const PolicyRow& p) {
  return std::make_tuple(p.urgency != 0, domain::CategoryDepth(p.category_prefix), p.kind != 0,
                         -p.priority);
}

absl::Duration Hours(double amount) { return absl::Seconds(std::llround(amount * 3600)); }

}  // namespace

const PolicyRow* ChoosePolicy(const std::vector<PolicyRow>& policies, int kind, int urgency,
                              absl::string_view category) {
  const PolicyRow* best = nullptr;
  for (const PolicyRow& p : policies) {
    if ((p.kind != 0 && p.kind != kind) || (p.urgency != 0 && p.urgency != urgency) ||
        !domain::IsUnderCategory(category, p.category_prefix)) {
      continue;
    }
    if (best == nullptr || Rank(p) > Rank(*best) || (Rank(p) == Rank(*best) && p.id < best->id)) {
      best = &p;
    }
  }
  return best;
}

absl::StatusOr<absl::Time> DueAfter(const calendar::BusinessCalendar& calendar, absl::Time start,
                                    const Limit& limit) {
  switch (limit.unit) {
    case LimitUnit::kWorkingHours:
      return calendar.AddWorkingTime(start, Hours(limit.amount));
    case LimitUnit::kWorkingDays:
      return calendar.AddWorkingDays(start, static_cast<int>(std::ceil(limit.amount)));
    case LimitUnit::kCalendarHours:
      return start + Hours(limit.amount);
  }
  return absl::InvalidArgumentError("unknown limit unit");
}

absl::StatusOr<std::optional<absl::Time>> WarnAt(const calendar::BusinessCalendar& calendar,
                                                 absl::Time start, absl::Time due, double point) {
  if (point <= 0 || due <= start) return std::optional<absl::Time>();
  const absl::Duration span = calendar.WorkingTimeBetween(start, due);
  if (span <= absl::ZeroDuration()) {  // due inside closed time: warn on the wall clock
    return std::optional<absl::Time>(start + (due - start) * point);
  }
  absl::StatusOr<absl::Time> at = calendar.AddWorkingTime(start, span * point);
  if (!at.ok()) return at.status();
  return std::optional<absl::Time>(*at);
}

absl::StatusOr<std::optional<NextStep>> NextRung(const calendar::BusinessCalendar& calendar,
                                                 ClockKind kind, Step last,
                                                 std::optional<absl::Time> warn_at,
                                                 absl::Time due_at, const Rungs& rungs) {
  using Next = std::optional<NextStep>;
  if (kind == ClockKind::kRetention) {
    return last == Step::kNone ? Next(NextStep{Step::kOverdue, due_at}) : Next();
  }
  if (last < Step::kWarning && warn_at && *warn_at < due_at) {
    return Next(NextStep{Step::kWarning, *warn_at});
  }
  if (last < Step::kOverdue) return Next(NextStep{Step::kOverdue, due_at});
  if (kind != ClockKind::kHandling) return Next();
  const std::pair<Step, const Limit*> later[] = {{Step::kUrging, &rungs.urging},
                                                 {Step::kEscalation, &rungs.escalation}};
  for (const auto& [step, limit] : later) {
    if (last >= step || limit->amount <= 0) continue;
    absl::StatusOr<absl::Time> at = DueAfter(calendar, due_at, *limit);
    if (!at.ok()) return at.status();
    return Next(NextStep{step, *at});
  }
  return Next();
}

absl::StatusOr<absl::Time> ShiftByPause(const calendar::BusinessCalendar& calendar, LimitUnit unit,
                                        absl::Time t, absl::Time paused_at, absl::Time resumed_at) {
  if (resumed_at <= paused_at) return t;
  if (unit == LimitUnit::kCalendarHours) return t + (resumed_at - paused_at);
  const absl::Duration paused = calendar.WorkingTimeBetween(paused_at, resumed_at);
  // Nothing to move (paused outside working hours); adding zero would move a due time at a
  // period's end to the next opening.
  if (paused <= absl::ZeroDuration()) return t;
  return calendar.AddWorkingTime(t, paused);
}

}  // namespace hotline::supervision
