#include "services/deadline-supervision/office_supervision.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/transact.h"
#include "services/deadline-supervision/clock_engine.h"
#include "services/deadline-supervision/supervision_access.h"

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

absl::StatusOr<v1::UrgeResponse> OfficeSupervision::Urge(const service::Principal& caller,
                                                         const v1::UrgeRequest& r) {
  if (r.ticket_number().empty()) return InvalidFields({{"ticket_number", "is required"}});
  return pg::TransactFor<v1::UrgeResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::UrgeResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kOffice);
        if (!ticket.ok()) return ticket.status();
        std::optional<ClockRow> handling;
        for (ClockRow& c : LiveClocks(tx, ticket->id())) {
          if (c.kind == ClockKind::kHandling) handling = c;
        }
        if (!handling) {
          return absl::FailedPreconditionError("the ticket is not being handled: nothing to urge");
        }
        v1::DeadlineStep step;
        *step.mutable_clock() = ClockToProto(*handling, ctx_.clock.Now());
        step.set_step(v1::ESCALATION_STEP_URGING);
        step.set_unit_id(handling->unit_id);
        step.set_by_hand(true);
        step.set_note(r.note());
        auto recorded = ctx_.tickets.Record(
            tx, ticket->id(), 0, event_type::kSupervisionDeadlineStep, step, caller.ToActor());
        if (!recorded.ok()) return recorded.status();
        return v1::UrgeResponse();
      });
}

absl::StatusOr<v1::ReviewResponse> OfficeSupervision::Review(const service::Principal& caller,
                                                             const v1::ReviewRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (!r.approve() && r.reason().empty()) {
    bad.push_back({"reason", "is required when sending a reply back"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return pg::TransactFor<v1::ReviewResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ReviewResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kOffice);
        if (!ticket.ok()) return ticket.status();
        auto reviewed = ctx_.tickets.Apply(
            tx, ticket->id(), 0, r.approve() ? TicketAction::kApprove : TicketAction::kSendBack,
            caller.ToActor(),
            {r.approve() ? "supervision.approved" : "supervision.sent_back", r.reason()});
        if (!reviewed.ok()) return reviewed.status();
        v1::ReviewResponse response;
        response.set_ticket_state(reviewed->state());
        return response;
      });
}

absl::StatusOr<v1::RecordFollowUpResponse> OfficeSupervision::RecordFollowUp(
    const service::Principal& caller, const v1::RecordFollowUpRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (r.contact() == v1::CONTACT_RESULT_UNSPECIFIED || !v1::ContactResult_IsValid(r.contact())) {
    bad.push_back({"contact", "must be REACHED or UNREACHABLE"});
  }
  if (r.contact() == v1::CONTACT_RESULT_REACHED &&
      (r.satisfaction() == v1::SATISFACTION_UNSPECIFIED ||
       !v1::Satisfaction_IsValid(r.satisfaction()))) {
    bad.push_back(
        {"satisfaction", "one of the five levels is required when the caller was reached"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return pg::TransactFor<v1::RecordFollowUpResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::RecordFollowUpResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kOffice);
        if (!ticket.ok()) return ticket.status();
        if (ticket->state() != common::TICKET_STATE_CLOSED &&
            ticket->state() != common::TICKET_STATE_ANSWERED) {
          return absl::FailedPreconditionError("a follow-up is for CLOSED or ANSWERED tickets");
        }
        auto settings = ctx_.settings.Get();
        if (!settings.ok()) return settings.status();
        auto policy = (*settings)->PolicyFor(ticket->kind(), ticket->urgency(), ticket->category());
        if (!policy.ok()) return policy.status();

        int attempts = 0;
        if (r.contact() == v1::CONTACT_RESULT_UNREACHABLE) {
          attempts = tx.exec_params1(R"sql(
INSERT INTO supervision_follow_ups (ticket_id, unreachable_attempts) VALUES ($1, 1)
ON CONFLICT (ticket_id) DO UPDATE SET
  unreachable_attempts = supervision_follow_ups.unreachable_attempts + 1, updated_at = now()
RETURNING unreachable_attempts)sql",
                                     ticket->id())[0]
                         .as<int>();
        }
        v1::FollowedUp followed;
        followed.set_contact(r.contact());
        followed.set_resolved(r.resolved());
        followed.set_satisfaction(r.satisfaction());
        followed.set_attempts(attempts);
        v1::RecordFollowUpResponse response;
        response.set_attempts(attempts);
        const bool unreachable = r.contact() == v1::CONTACT_RESULT_UNREACHABLE;
        if (unreachable && attempts < (*policy)->follow_up_attempts) {
          auto recorded = ctx_.tickets.Record(
              tx, ticket->id(), 0, event_type::kSupervisionFollowedUp, followed, caller.ToActor());
          if (!recorded.ok()) return recorded.status();
          response.set_ticket_state(recorded->state());
          return response;
        }
        const std::string reason = unreachable ? "followup.unreachable"
                                   : (r.resolved() && Satisfied(r.satisfaction()))
                                       ? "followup.satisfied"
                                       : "followup.dissatisfied";
        auto done =
            ctx_.tickets.Apply(tx, ticket->id(), 0, TicketAction::kFollowUp, caller.ToActor(),
                               {reason, ""}, {{event_type::kSupervisionFollowedUp, &followed}});
        if (!done.ok()) return done.status();
        if (reason == "followup.dissatisfied") {
          // 重办: back to routing, which dispatches it to the same lead again.
          done = ctx_.tickets.Apply(tx, ticket->id(), 0, TicketAction::kReopen, caller.ToActor(),
                                    {"followup.reopened", ""});
          if (!done.ok()) return done.status();
        } else if ((*policy)->retention <= absl::ZeroDuration()) {
          done = ctx_.tickets.Apply(tx, ticket->id(), 0, TicketAction::kArchive, caller.ToActor(),
                                    {"supervision.retention", ""});
          if (!done.ok()) return done.status();
        } else {
          const ClockEngine engine(**settings);
          auto retention = engine.StartRetention(*ticket, ctx_.clock.Now());
          if (!retention.ok()) return retention.status();
          InsertClock(tx, *retention);
        }
        response.set_ticket_state(done->state());
        return response;
      });
}

}  // namespace hotline::supervision
