#include "services/reporting/rules/supervision_deltas.h"

#include "libs/common/proto_time.h"

namespace hotline::reporting {

namespace supervision = hotline::supervision::v1;

void ApplyClocksChanged(const supervision::ClocksChanged& changed, TicketFacts& facts) {
  for (const supervision::Clock& c : changed.clocks()) {
    if (c.state() == supervision::CLOCK_STATE_STOPPED || !c.has_due_at()) continue;
    const absl::Time due = FromTimestamp(c.due_at());
    if (c.kind() == supervision::CLOCK_KIND_HANDLING) facts.handling_due = due;
    if (c.kind() == supervision::CLOCK_KIND_SIGN_FOR &&
        c.assignment_id() == facts.lead_assignment_id) {
      facts.sign_due = due;
    }
  }
}

void ApplyDeadlineStep(const supervision::DeadlineStep& step, TicketFacts& facts, Counting& count) {
  const supervision::Clock& clock = step.clock();
  switch (step.step()) {
    case supervision::ESCALATION_STEP_WARNING:
      count.AddForUnit(step.unit_id(), Counter::kWarned);
      break;
    case supervision::ESCALATION_STEP_OVERDUE:
      if (clock.kind() == supervision::CLOCK_KIND_HANDLING) {
        count.AddForUnit(step.unit_id(), Counter::kOverdue);
        facts.handling_late = true;
      } else if (clock.kind() == supervision::CLOCK_KIND_SIGN_FOR) {
        count.AddForUnit(step.unit_id(), Counter::kSignOverdue);
        if (clock.assignment_id() == facts.lead_assignment_id) facts.sign_late = true;
      }
      break;
    case supervision::ESCALATION_STEP_URGING:
      count.AddForUnit(step.unit_id(), Counter::kUrged);
      break;
    case supervision::ESCALATION_STEP_ESCALATION:
      count.AddForUnit(step.unit_id(), Counter::kEscalated);
      break;
    default:
      break;
  }
}

void ApplyFollowedUp(const supervision::FollowedUp& f, Counting& count) {
  count.Add(Counter::kFollowUpCalls);
  if (f.contact() != supervision::CONTACT_RESULT_REACHED) return;
  count.Add(Counter::kFollowedUp);
  if (f.resolved()) count.Add(Counter::kResolved);
  static constexpr Counter kLevels[] = {Counter::kVerySatisfied, Counter::kSatisfied,
                                        Counter::kBasicallySatisfied, Counter::kDissatisfied,
                                        Counter::kVeryDissatisfied};
  const int level = f.satisfaction();
  if (level >= 1 && level <= 5) {
    count.Add(Counter::kEvaluated);
    count.Add(kLevels[level - 1]);
  }
}

}  // namespace hotline::reporting
