#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::supervision {

// Pure deadline rules: which policy applies, when a limit is due, and when the next rung of the
// escalation ladder fires. No I/O; unit-tested over tables of cases.

// Numbers mirror hotline.supervision.v1.LimitUnit / ClockKind / EscalationStep.
enum class LimitUnit : int { kWorkingHours = 1, kWorkingDays = 2, kCalendarHours = 3 };
enum class ClockKind : int {
  kSignFor = 1,
  kHandling = 2,
  kCoReply = 3,
  kFollowUp = 4,
  kRetention = 5
};
enum class Step : int { kNone = 0, kWarning = 1, kOverdue = 2, kUrging = 3, kEscalation = 4 };

struct Limit {
  LimitUnit unit = LimitUnit::kWorkingHours;
  double amount = 0;  // 0 = no clock
};

struct PolicyRow {
  int64_t id = 0;
  int kind = 0;     // 0 = any
  int urgency = 0;  // 0 = any
  std::string category_prefix;
  int priority = 100;
  std::string calendar;
  Limit sign_for, handling, co_reply, follow_up;
  double warning_point = 0.8;
  bool requires_review = false;
  bool suspension_needs_approval = true;
  int follow_up_attempts = 3;
  absl::Duration retention;
};

// The policy for a matter: active policies whose kind, urgency and category prefix (at '/'
// boundaries) match; the most specific wins — a set urgency first (an emergency's limits beat
// any category's), then the longer category prefix, then a set kind — then the lower priority
// number, then the lower id. Null when none matches.
const PolicyRow* ChoosePolicy(const std::vector<PolicyRow>& policies, int kind, int urgency,
                              absl::string_view category);

// When a limit that starts at `start` is due, on `calendar`.
absl::StatusOr<absl::Time> DueAfter(const calendar::BusinessCalendar& calendar, absl::Time start,
                                    const Limit& limit);

// The warning instant: `point` (0..1) of the working time from start to due; none for 0.
absl::StatusOr<std::optional<absl::Time>> WarnAt(const calendar::BusinessCalendar& calendar,
                                                 absl::Time start, absl::Time due, double point);

// After how long past the due time urging and escalation fire (none when amount is 0).
struct Rungs {
  Limit urging;
  Limit escalation;
};

// The next rung after `last` for a clock and when it fires; nullopt when nothing more will fire.
// Warnings and overdue notices for every clock; urging and escalation for handling clocks only
// (the office urges the handling, not a signature); a retention clock fires once, at its due time.
struct NextStep {
  Step step;
  absl::Time at;
};
absl::StatusOr<std::optional<NextStep>> NextRung(const calendar::BusinessCalendar& calendar,
                                                 ClockKind kind, Step last,
                                                 std::optional<absl::Time> warn_at,
                                                 absl::Time due_at, const Rungs& rungs);

// A paused clock's times move by the working time that passed while it was paused, so the
// remaining working time is kept (calendar-hour limits move by the wall-clock pause).
absl::StatusOr<absl::Time> ShiftByPause(const calendar::BusinessCalendar& calendar, LimitUnit unit,
                                        absl::Time t, absl::Time paused_at, absl::Time resumed_at);

}  // namespace hotline::supervision
