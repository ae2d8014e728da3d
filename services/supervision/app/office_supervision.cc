#include "services/supervision/app/office_supervision.h"

#include <optional>

#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "services/supervision/rules/clock_engine.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

bool Satisfied(v1::Satisfaction s) {
  return s == v1::SATISFACTION_VERY_SATISFIED || s == v1::SATISFACTION_SATISFIED ||
         s == v1::SATISFACTION_NEUTRAL;
}

}  // namespace

absl::Status OfficeSupervision::Urge(const UrgeCommand& c, const TicketGate& gate) {
  return ctx_.transactions.Run([&](Transaction& tx) -> absl::Status {
    auto open = OpenTicket(ctx_, tx, c.ticket_number, gate);
    if (!open.ok()) return open.status();
    std::optional<ClockRow> handling;
    for (ClockRow& clock : ctx_.clocks.Live(tx, open->ticket.id())) {
      if (clock.kind == ClockKind::kHandling) handling = clock;
    }
    if (!handling) {
      return absl::FailedPreconditionError("the ticket is not being handled: nothing to urge");
    }
    v1::DeadlineStep step;
    *step.mutable_clock() = ClockToProto(*handling, ctx_.clock.Now());
    step.set_step(v1::ESCALATION_STEP_URGING);
    step.set_unit_id(handling->unit_id);
    step.set_by_hand(true);
    if (c.note.empty()) {
      return ctx_.tickets
          .Record(tx, open->ticket.id(), 0, event_type::kSupervisionDeadlineStep, step, c.actor)
          .status();
    }
    // The office's words stay with the ticket; the event says only that it urged.
    return ctx_.tickets
        .RecordWithText(tx, open->ticket.id(), 0, event_type::kSupervisionDeadlineStep, step,
                        c.actor, {ticketstore::TicketText::Kind::kUrging, c.note})
        .status();
  });
}

absl::StatusOr<common::TicketState> OfficeSupervision::Review(const ReviewCommand& c,
                                                              const TicketGate& gate) {
  return ctx_.transactions.RunFor<common::TicketState>(
      [&](Transaction& tx) -> absl::StatusOr<common::TicketState> {
        auto open = OpenTicket(ctx_, tx, c.ticket_number, gate);
        if (!open.ok()) return open.status();
        auto reviewed = ctx_.tickets.Apply(
            tx, open->ticket.id(), 0, c.approve ? TicketAction::kApprove : TicketAction::kSendBack,
            c.actor, {c.approve ? "supervision.approved" : "supervision.sent_back"});
        if (!reviewed.ok()) return reviewed.status();
        return reviewed->state();
      });
}

absl::StatusOr<FollowUpResult> OfficeSupervision::RecordFollowUp(const FollowUpCommand& c,
                                                                 const TicketGate& gate) {
  return ctx_.transactions.RunFor<FollowUpResult>(
      [&](Transaction& tx) -> absl::StatusOr<FollowUpResult> {
        auto open = OpenTicket(ctx_, tx, c.ticket_number, gate);
        if (!open.ok()) return open.status();
        const common::Ticket& ticket = open->ticket;
        if (ticket.state() != common::TICKET_STATE_CLOSED &&
            ticket.state() != common::TICKET_STATE_ANSWERED) {
          return absl::FailedPreconditionError("a follow-up is for CLOSED or ANSWERED tickets");
        }
        auto settings = ctx_.settings.Get();
        if (!settings.ok()) return settings.status();
        auto policy = (*settings)->PolicyFor(ticket.kind(), ticket.urgency(), ticket.category());
        if (!policy.ok()) return policy.status();

        const bool unreachable = c.contact == v1::CONTACT_RESULT_UNREACHABLE;
        FollowUpResult result;
        if (unreachable) result.attempts = follow_ups_.CountUnreachable(tx, ticket.id());
        v1::FollowedUp followed;
        followed.set_contact(c.contact);
        followed.set_resolved(c.resolved);
        followed.set_satisfaction(c.satisfaction);
        followed.set_attempts(result.attempts);
        if (unreachable && result.attempts < (*policy)->follow_up_attempts) {
          auto recorded = ctx_.tickets.Record(
              tx, ticket.id(), 0, event_type::kSupervisionFollowedUp, followed, c.actor);
          if (!recorded.ok()) return recorded.status();
          result.ticket_state = recorded->state();
          return result;
        }
        const std::string reason = unreachable ? "followup.unreachable"
                                   : (c.resolved && Satisfied(c.satisfaction))
                                       ? "followup.satisfied"
                                       : "followup.dissatisfied";
        auto done = ctx_.tickets.Apply(tx, ticket.id(), 0, TicketAction::kFollowUp, c.actor,
                                       {reason}, {{event_type::kSupervisionFollowedUp, &followed}});
        if (!done.ok()) return done.status();
        if (reason == "followup.dissatisfied") {
          // 重办: back to routing, which dispatches it to the same lead again.
          done = ctx_.tickets.Apply(tx, ticket.id(), 0, TicketAction::kReopen, c.actor,
                                    {"followup.reopened"});
          if (!done.ok()) return done.status();
        } else if ((*policy)->retention <= absl::ZeroDuration()) {
          done = ctx_.tickets.Apply(tx, ticket.id(), 0, TicketAction::kArchive, c.actor,
                                    {"supervision.retention"});
          if (!done.ok()) return done.status();
        } else {
          const ClockEngine engine(**settings);
          auto retention = engine.StartRetention(ticket, ctx_.clock.Now());
          if (!retention.ok()) return retention.status();
          ctx_.clocks.Insert(tx, *retention);
        }
        result.ticket_state = done->state();
        return result;
      });
}

}  // namespace hotline::supervision
