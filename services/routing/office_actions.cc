#include "services/routing/office_actions.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/domain/assignment_lifecycle.h"
#include "libs/domain/event_types.h"
#include "libs/domain/region_code.h"
#include "libs/pg/transact.h"
#include "services/routing/access.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

absl::Status RequireOffice(const service::Principal& caller) {
  if (caller.role == common::ROLE_SUPERVISOR) return absl::OkStatus();
  return absl::PermissionDeniedError("this is for the hotline office (supervisor role)");
}

// Checks the named units: the lead is required, no unit twice; each must be an active unit in
// the instance's and the caller's jurisdiction.
absl::StatusOr<std::vector<NewAssignment>> NamedUnits(
    pqxx::transaction_base& tx, const service::Principal& caller, const std::string& jurisdiction,
    const std::string& lead, const google::protobuf::RepeatedPtrField<std::string>& co) {
  std::vector<FieldViolation> bad;
  if (lead.empty()) bad.push_back({"lead_unit_id", "is required"});
  absl::flat_hash_set<std::string> seen = {lead};
  for (int i = 0; i < co.size(); ++i) {
    if (co[i].empty() || !seen.insert(co[i]).second) {
      bad.push_back({absl::StrCat("co_handler_unit_ids[", i, "]"),
                     "must be a unit id named only once and not the lead"});
    }
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  std::vector<std::string> ids = {lead};
  ids.insert(ids.end(), co.begin(), co.end());
  const std::vector<ActiveUnit> active = ActiveUnits(tx, ids);
  std::vector<NewAssignment> units;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field =
        i == 0 ? "lead_unit_id" : absl::StrCat("co_handler_unit_ids[", i - 1, "]");
    auto it = std::find_if(active.begin(), active.end(),
                           [&](const ActiveUnit& u) { return u.id == ids[i]; });
    if (it == active.end()) {
      bad.push_back({field, "no active unit with this id"});
      continue;
    }
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(it->region_code);
    if (!region.ok() || !domain::InJurisdiction(jurisdiction, *region) ||
        !domain::InJurisdiction(caller.jurisdiction, *region)) {
      bad.push_back({field, "the unit is outside this instance's or the caller's jurisdiction"});
      continue;
    }
    units.push_back(
        {ids[i], i == 0 ? common::ASSIGNMENT_ROLE_LEAD : common::ASSIGNMENT_ROLE_CO_HANDLER, 0});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return units;
}

std::string EncodeCursor(const QueueCursor& c) {
  return absl::StrCat(c.urgency, ".", c.queued_at_micros, ".", c.ticket_id);
}

std::optional<QueueCursor> DecodeCursor(const std::string& token) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  QueueCursor c;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &c.urgency) ||
      !absl::SimpleAtoi(parts[1], &c.queued_at_micros) ||
      !absl::SimpleAtoi(parts[2], &c.ticket_id)) {
    return std::nullopt;
  }
  return c;
}

}  // namespace

absl::StatusOr<v1::ListManualQueueResponse> OfficeActions::ListManualQueue(
    const service::Principal& caller, const v1::ListManualQueueRequest& r) {
  if (auto allowed = RequireOffice(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> bad;
  if (r.page_size() < 0 || r.page_size() > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  std::optional<QueueCursor> after;
  if (!r.page_token().empty()) {
    after = DecodeCursor(r.page_token());
    if (!after) bad.push_back({"page_token", "is not a token this service returned"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const int limit = r.page_size() == 0 ? 50 : r.page_size();
  return pg::TransactFor<v1::ListManualQueueResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListManualQueueResponse> {
        auto page = ListQueue(tx, caller.jurisdiction, after, limit + 1);
        v1::ListManualQueueResponse response;
        const bool more = static_cast<int>(page.size()) > limit;
        if (more) page.resize(limit);
        for (auto& [cursor, entry] : page) *response.add_entries() = std::move(entry);
        if (more) response.set_next_page_token(EncodeCursor(page.back().first));
        return response;
      });
}

absl::StatusOr<v1::DispatchManuallyResponse> OfficeActions::DispatchManually(
    const service::Principal& caller, const v1::DispatchManuallyRequest& r) {
  if (auto allowed = RequireOffice(caller); !allowed.ok()) return allowed;
  if (r.ticket_number().empty()) return InvalidFields({{"ticket_number", "is required"}});
  return pg::TransactFor<v1::DispatchManuallyResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::DispatchManuallyResponse> {
        auto ticket = TicketForOffice(tx, dispatcher_.tickets(), caller, r.ticket_number());
        if (!ticket.ok()) return ticket.status();
        auto units = NamedUnits(tx, caller, dispatcher_.jurisdiction(), r.lead_unit_id(),
                                r.co_handler_unit_ids());
        if (!units.ok()) return units.status();
        v1::RoutingDecision decision;
        decision.set_outcome(v1::DECISION_OUTCOME_DISPATCHED);
        decision.set_reason_code("routing.manual");
        decision.set_reason(r.note().empty()
                                ? "dispatched by hand (研判)"
                                : absl::StrCat("dispatched by hand (研判): ", r.note()));
        decision.set_trigger("manual");
        auto assigned =
            dispatcher_.Assign(tx, *ticket, RoutingStateOf(tx, ticket->id()),
                               TicketAction::kDispatch, *units, decision, caller.ToActor());
        if (!assigned.ok()) return assigned.status();
        v1::DispatchManuallyResponse response;
        for (v1::Assignment& a : *assigned) *response.add_assignments() = std::move(a);
        response.set_ticket_state(common::TICKET_STATE_DISPATCHED);
        return response;
      });
}

absl::StatusOr<v1::ReassignResponse> OfficeActions::Reassign(const service::Principal& caller,
                                                             const v1::ReassignRequest& r) {
  if (auto allowed = RequireOffice(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (r.reason().empty()) bad.push_back({"reason", "is required"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const ticketstore::PgTicketStore& tickets = dispatcher_.tickets();
  return pg::TransactFor<v1::ReassignResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ReassignResponse> {
        auto ticket = TicketForOffice(tx, tickets, caller, r.ticket_number());
        if (!ticket.ok()) return ticket.status();
        auto units = NamedUnits(tx, caller, dispatcher_.jurisdiction(), r.lead_unit_id(),
                                r.co_handler_unit_ids());
        if (!units.ok()) return units.status();
        if (ticket->state() != common::TICKET_STATE_DISPATCHED &&
            ticket->state() != common::TICKET_STATE_IN_PROGRESS) {
          return absl::FailedPreconditionError(
              absl::StrCat("cannot REASSIGN a ticket in state ",
                           common::TicketState_Name(ticket->state()).substr(13),
                           "; a ticket waiting for dispatch is dispatched with DispatchManually"));
        }
        const TicketRouting routing = RoutingStateOf(tx, ticket->id());
        for (v1::Assignment& a : AssignmentsOfRound(tx, ticket->id(), routing.round)) {
          auto next = domain::ApplyAssignmentAction(static_cast<domain::AssignmentRole>(a.role()),
                                                    static_cast<domain::AssignmentState>(a.state()),
                                                    domain::AssignmentAction::kCancel);
          if (!next.ok()) continue;  // replied or returned parts stay as they are
          a.set_state(static_cast<common::AssignmentState>(*next));
          SaveAssignment(tx, a);
          v1::AssignmentChanged changed;
          *changed.mutable_assignment() = a;
          ticket = tickets.Record(tx, ticket->id(), ticket->version(),
                                  event_type::kRoutingAssignmentChanged, changed, caller.ToActor());
          if (!ticket.ok()) return ticket.status();
        }
        v1::RoutingDecision decision;
        decision.set_outcome(v1::DECISION_OUTCOME_DISPATCHED);
        decision.set_reason_code("routing.reassigned");
        decision.set_reason(absl::StrCat("reassigned by the hotline office (改派): ", r.reason()));
        decision.set_trigger("reassigned");
        auto assigned = dispatcher_.Assign(tx, *ticket, routing, TicketAction::kReassign, *units,
                                           decision, caller.ToActor());
        if (!assigned.ok()) return assigned.status();
        v1::ReassignResponse response;
        for (v1::Assignment& a : *assigned) *response.add_assignments() = std::move(a);
        response.set_ticket_state(common::TICKET_STATE_DISPATCHED);
        return response;
      });
}

absl::StatusOr<v1::ExplainRoutingResponse> OfficeActions::Explain(
    const service::Principal& caller, const v1::ExplainRoutingRequest& r) {
  if (caller.role != common::ROLE_SUPERVISOR && caller.role != common::ROLE_ADMIN) {
    return absl::PermissionDeniedError("explanations are for the hotline office and operators");
  }
  if (r.ticket_number().empty()) return InvalidFields({{"ticket_number", "is required"}});
  return pg::TransactFor<v1::ExplainRoutingResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ExplainRoutingResponse> {
        auto ticket = TicketForOffice(tx, dispatcher_.tickets(), caller, r.ticket_number());
        if (!ticket.ok()) return ticket.status();
        v1::ExplainRoutingResponse response;
        for (v1::RoutingDecision& d : DecisionsOf(tx, ticket->id())) {
          *response.add_decisions() = std::move(d);
        }
        return response;
      });
}

}  // namespace hotline::routing
