#include "services/routing/unit_workflow.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/field_violations.h"
#include "libs/common/utf8.h"
#include "libs/domain/assignment_lifecycle.h"
#include "libs/domain/event_types.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/routing/access.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using domain::AssignmentAction;
using domain::TicketAction;

constexpr int kMaxReasonChars = 1000;
constexpr int kMaxReplyChars = 8000;

absl::Status CheckText(const std::string& field, const std::string& text, int max_chars) {
  if (text.empty()) return InvalidFields({{field, "is required"}});
  if (CodePoints(text) > max_chars) {
    return InvalidFields({{field, absl::StrCat("must be at most ", max_chars, " characters")}});
  }
  return absl::OkStatus();
}

// Locks the assignment and checks that it is the caller's.
absl::StatusOr<AssignmentRecord> OwnAssignment(pqxx::work& tx, const service::Principal& caller,
                                               int64_t assignment_id) {
  if (caller.role != common::ROLE_UNIT) {
    return absl::PermissionDeniedError("only the handling unit acts on its assignments");
  }
  absl::StatusOr<AssignmentRecord> rec = LockAssignment(tx, assignment_id);
  if (!rec.ok()) return rec.status();
  if (rec->assignment.unit_id() != caller.name) {
    return absl::PermissionDeniedError("the assignment belongs to another unit");
  }
  return rec;
}

// Moves the assignment by `action`, or FAILED_PRECONDITION naming its role and state.
absl::Status Move(v1::Assignment& a, AssignmentAction action) {
  absl::StatusOr<domain::AssignmentState> next =
      domain::ApplyAssignmentAction(static_cast<domain::AssignmentRole>(a.role()),
                                    static_cast<domain::AssignmentState>(a.state()), action);
  if (!next.ok()) return next.status();
  a.set_state(static_cast<common::AssignmentState>(*next));
  return absl::OkStatus();
}

common::Actor ActorOf(const service::Principal& caller) { return caller.ToActor(); }

}  // namespace

absl::StatusOr<v1::ListAssignmentsResponse> UnitWorkflow::List(
    const service::Principal& caller, const v1::ListAssignmentsRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.page_size() < 0 || r.page_size() > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  int64_t before_id = 0;
  if (!r.page_token().empty() &&
      (!absl::SimpleAtoi(r.page_token(), &before_id) || before_id <= 0)) {
    bad.push_back({"page_token", "is not a token this service returned"});
  }
  if (!common::AssignmentState_IsValid(r.state())) bad.push_back({"state", "unknown state"});
  std::string unit_id = r.unit_id();
  if (caller.role == common::ROLE_UNIT) {
    if (unit_id.empty()) unit_id = caller.name;
    if (unit_id != caller.name) {
      return absl::PermissionDeniedError("a unit sees only its own assignments");
    }
  } else if (caller.role == common::ROLE_SUPERVISOR || caller.role == common::ROLE_ADMIN) {
    if (unit_id.empty()) bad.push_back({"unit_id", "is required"});
  } else {
    return absl::PermissionDeniedError("assignments are for units and the hotline office");
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const int limit = r.page_size() == 0 ? 50 : r.page_size();
  return pg::TransactFor<v1::ListAssignmentsResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListAssignmentsResponse> {
        if (caller.role != common::ROLE_UNIT) {
          std::vector<ActiveUnit> units = ActiveUnits(tx, {unit_id});
          if (units.empty()) return absl::NotFoundError("no such active unit");
          if (auto within = RequireWithin(caller, units[0].region_code, "the unit"); !within.ok()) {
            return within;
          }
        }
        v1::ListAssignmentsResponse response;
        std::vector<v1::Assignment> page =
            ListUnitAssignments(tx, unit_id, r.state(), before_id, limit + 1);
        const bool more = static_cast<int>(page.size()) > limit;
        if (more) page.resize(limit);
        for (v1::Assignment& a : page) *response.add_assignments() = std::move(a);
        if (more) response.set_next_page_token(std::to_string(page.back().id()));
        return response;
      });
}

absl::StatusOr<v1::GetAssignedTicketResponse> UnitWorkflow::GetAssignedTicket(
    const service::Principal& caller, const v1::GetAssignedTicketRequest& r) {
  if (r.assignment_id() <= 0) return InvalidFields({{"assignment_id", "is required"}});
  const ticketstore::PgTicketStore& tickets = dispatcher_.tickets();
  return pg::TransactFor<v1::GetAssignedTicketResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::GetAssignedTicketResponse> {
        absl::StatusOr<AssignmentRecord> rec = OwnAssignment(tx, caller, r.assignment_id());
        if (!rec.ok()) return rec.status();
        if (rec->assignment.state() == common::ASSIGNMENT_STATE_CANCELLED) {
          return absl::PermissionDeniedError("the assignment was withdrawn from this unit");
        }
        auto ticket = tickets.Get(tx, rec->ticket_id);
        if (!ticket.ok()) return ticket.status();
        v1::GetAssignedTicketResponse response;
        const bool withheld =
            ticket->caller().anonymous() || ticket->caller().wants_confidentiality();
        if (withheld) {
          ticket->mutable_caller()->clear_name();
          ticket->mutable_caller()->clear_phone();
        }
        ticket->clear_idempotency_key();  // the front-end's, not the unit's business
        for (const common::EventEnvelope& event : tickets.History(tx, rec->ticket_id)) {
          hotline::intake::v1::SupplementAdded added;
          if (event.type() == event_type::kIntakeSupplementAdded &&
              event.payload().UnpackTo(&added)) {
            response.add_supplements(added.content());
          }
        }
        tx.exec_params0(R"sql(
INSERT INTO routing_audit_reads (read_at, ticket_id, assignment_id, principal, caller_withheld)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, $5))sql",
                        absl::ToUnixMicros(clock_.Now()), rec->ticket_id, r.assignment_id(),
                        caller.name, withheld);
        *response.mutable_assignment() = rec->assignment;
        *response.mutable_ticket() = *std::move(ticket);
        response.set_caller_withheld(withheld);
        return response;
      });
}

absl::StatusOr<v1::SignForResponse> UnitWorkflow::SignFor(const service::Principal& caller,
                                                          const v1::SignForRequest& r) {
  if (r.assignment_id() <= 0) return InvalidFields({{"assignment_id", "is required"}});
  const ticketstore::PgTicketStore& tickets = dispatcher_.tickets();
  return pg::TransactFor<v1::SignForResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::SignForResponse> {
        absl::StatusOr<AssignmentRecord> rec = OwnAssignment(tx, caller, r.assignment_id());
        if (!rec.ok()) return rec.status();
        v1::Assignment& a = rec->assignment;
        if (auto moved = Move(a, AssignmentAction::kSign); !moved.ok()) return moved;
        *a.mutable_signed_at() = ticketstore::ToTimestamp(clock_.Now());
        SaveAssignment(tx, a);
        v1::AssignmentChanged changed;
        *changed.mutable_assignment() = a;
        // The lead signing moves the ticket; anyone else's signature is only recorded.
        auto ticket =
            a.role() == common::ASSIGNMENT_ROLE_LEAD
                ? tickets.Apply(tx, rec->ticket_id, 0, TicketAction::kSign, ActorOf(caller),
                                {"routing.signed", ""},
                                {{event_type::kRoutingAssignmentChanged, &changed}})
                : tickets.Record(tx, rec->ticket_id, 0, event_type::kRoutingAssignmentChanged,
                                 changed, ActorOf(caller));
        if (!ticket.ok()) return ticket.status();
        v1::SignForResponse response;
        *response.mutable_assignment() = a;
        response.set_ticket_state(ticket->state());
        return response;
      });
}

absl::StatusOr<v1::ReturnAssignmentResponse> UnitWorkflow::Return(
    const service::Principal& caller, const v1::ReturnAssignmentRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.assignment_id() <= 0) bad.push_back({"assignment_id", "is required"});
  if (auto text = CheckText("reason", r.reason(), kMaxReasonChars); !text.ok()) {
    bad.push_back(FieldViolationsOf(text).front());
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const ticketstore::PgTicketStore& tickets = dispatcher_.tickets();
  return pg::TransactFor<v1::ReturnAssignmentResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ReturnAssignmentResponse> {
        absl::StatusOr<AssignmentRecord> rec = OwnAssignment(tx, caller, r.assignment_id());
        if (!rec.ok()) return rec.status();
        v1::Assignment& a = rec->assignment;
        if (auto moved = Move(a, AssignmentAction::kReturn); !moved.ok()) return moved;
        a.set_return_reason(r.reason());
        SaveAssignment(tx, a);
        v1::AssignmentChanged changed;
        *changed.mutable_assignment() = a;
        auto ticket = tickets.Record(tx, rec->ticket_id, 0, event_type::kRoutingAssignmentChanged,
                                     changed, ActorOf(caller));
        if (!ticket.ok()) return ticket.status();

        v1::ReturnAssignmentResponse response;
        if (a.role() == common::ASSIGNMENT_ROLE_LEAD) {
          // The round ends: its other live parts are withdrawn with it.
          for (v1::Assignment& other : AssignmentsOfRound(tx, rec->ticket_id, a.round())) {
            if (other.id() == a.id() || !Move(other, AssignmentAction::kCancel).ok()) continue;
            SaveAssignment(tx, other);
            *changed.mutable_assignment() = other;
            ticket =
                tickets.Record(tx, rec->ticket_id, ticket->version(),
                               event_type::kRoutingAssignmentChanged, changed, ActorOf(caller));
            if (!ticket.ok()) return ticket.status();
          }
          const bool was_chain = [&] {
            const auto decisions = DecisionsOf(tx, rec->ticket_id);
            return !decisions.empty() &&
                   decisions.back().outcome() == v1::DECISION_OUTCOME_EMERGENCY_CHAIN;
          }();
          ticket = tickets.Apply(tx, rec->ticket_id, ticket->version(), TicketAction::kReturn,
                                 ActorOf(caller), {"routing.returned", ""});
          if (!ticket.ok()) return ticket.status();
          RouteRequest request{"returned", was_chain, r.reason(), caller.name};
          auto decision = dispatcher_.Route(tx, *ticket, RoutingStateOf(tx, rec->ticket_id),
                                            request, ActorOf(caller));
          if (!decision.ok()) return decision.status();
          *response.mutable_decision() = *std::move(decision);
          ticket = tickets.Get(tx, rec->ticket_id);
          if (!ticket.ok()) return ticket.status();
        }
        *response.mutable_assignment() = a;
        response.set_ticket_state(ticket->state());
        return response;
      });
}

absl::StatusOr<v1::SubmitReplyResponse> UnitWorkflow::Reply(const service::Principal& caller,
                                                            const v1::SubmitReplyRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.assignment_id() <= 0) bad.push_back({"assignment_id", "is required"});
  if (auto text = CheckText("content", r.content(), kMaxReplyChars); !text.ok()) {
    bad.push_back(FieldViolationsOf(text).front());
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const ticketstore::PgTicketStore& tickets = dispatcher_.tickets();
  return pg::TransactFor<v1::SubmitReplyResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::SubmitReplyResponse> {
        absl::StatusOr<AssignmentRecord> rec = OwnAssignment(tx, caller, r.assignment_id());
        if (!rec.ok()) return rec.status();
        v1::Assignment& a = rec->assignment;
        if (auto moved = Move(a, AssignmentAction::kReply); !moved.ok()) return moved;
        const absl::Time now = clock_.Now();
        a.set_reply(r.content());
        *a.mutable_replied_at() = ticketstore::ToTimestamp(now);

        v1::TicketReplied replied;
        if (a.role() == common::ASSIGNMENT_ROLE_LEAD) {
          std::vector<std::string> waiting;
          for (const v1::Assignment& co : AssignmentsOfRound(tx, rec->ticket_id, a.round())) {
            if (co.role() != common::ASSIGNMENT_ROLE_CO_HANDLER) continue;
            if (co.state() == common::ASSIGNMENT_STATE_REPLIED) {
              *replied.add_co_handler_opinions() = co;
              continue;
            }
            const bool open = co.state() == common::ASSIGNMENT_STATE_DISPATCHED ||
                              co.state() == common::ASSIGNMENT_STATE_SIGNED;
            const bool overdue =
                co.has_reply_due_at() && ticketstore::FromTimestamp(co.reply_due_at()) <= now;
            if (open && !overdue) waiting.push_back(co.unit_id());
          }
          if (!waiting.empty()) {
            return absl::FailedPreconditionError(
                absl::StrCat("co-handlers have not replied and their reply limit has not passed: ",
                             absl::StrJoin(waiting, ", ")));
          }
        }
        SaveAssignment(tx, a);
        v1::AssignmentChanged changed;
        *changed.mutable_assignment() = a;
        replied.set_lead_unit_id(a.unit_id());
        replied.set_reply(a.reply());
        // The lead's reply moves the ticket and carries the co-handlers' opinions.
        auto ticket =
            a.role() == common::ASSIGNMENT_ROLE_LEAD
                ? tickets.Apply(tx, rec->ticket_id, 0, TicketAction::kReply, ActorOf(caller),
                                {"routing.replied", ""},
                                {{event_type::kRoutingAssignmentChanged, &changed},
                                 {event_type::kRoutingReplied, &replied}})
                : tickets.Record(tx, rec->ticket_id, 0, event_type::kRoutingAssignmentChanged,
                                 changed, ActorOf(caller));
        if (!ticket.ok()) return ticket.status();
        v1::SubmitReplyResponse response;
        *response.mutable_assignment() = a;
        response.set_ticket_state(ticket->state());
        return response;
      });
}

}  // namespace hotline::routing
