#include "services/routing/app/office_actions.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/domain/assignment_lifecycle.h"
#include "libs/domain/event_types.h"
#include "libs/domain/region_code.h"
#include "libs/service/text_limits.h"
#include "services/routing/app/assignment_access.h"
#include "services/routing/app/jurisdiction.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

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

absl::StatusOr<std::vector<NewAssignment>> CheckNamedUnits(
    const ActiveUnitStore& store, Transaction& tx, const std::string& office_jurisdiction,
    const std::string& jurisdiction, const NamedUnits& named, const std::string& lead_field) {
  const std::string& lead = named.lead_unit_id;
  const std::vector<std::string>& co = named.co_handler_unit_ids;
  std::vector<FieldViolation> bad;
  if (lead.empty()) bad.push_back({lead_field, "is required"});
  absl::flat_hash_set<std::string> seen = {lead};
  for (size_t i = 0; i < co.size(); ++i) {
    if (co[i].empty() || !seen.insert(co[i]).second) {
      bad.push_back({absl::StrCat("co_handler_unit_ids[", i, "]"),
                     "must be a unit id named only once and not the lead"});
    }
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  std::vector<std::string> ids = {lead};
  ids.insert(ids.end(), co.begin(), co.end());
  const std::vector<ActiveUnit> active = store.Find(tx, ids);
  std::vector<NewAssignment> units;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field =
        i == 0 ? lead_field : absl::StrCat("co_handler_unit_ids[", i - 1, "]");
    auto it = std::find_if(active.begin(), active.end(),
                           [&](const ActiveUnit& u) { return u.id == ids[i]; });
    if (it == active.end()) {
      bad.push_back({field, "no active unit with this id"});
      continue;
    }
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(it->region_code);
    if (!region.ok() || !domain::InJurisdiction(jurisdiction, *region) ||
        !domain::InJurisdiction(office_jurisdiction, *region)) {
      bad.push_back({field, "the unit is outside this instance's or the caller's jurisdiction"});
      continue;
    }
    units.push_back(
        {ids[i], i == 0 ? common::ASSIGNMENT_ROLE_LEAD : common::ASSIGNMENT_ROLE_CO_HANDLER, 0});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return units;
}

absl::StatusOr<QueuePage> OfficeActions::ListManualQueue(const common::Actor& office,
                                                         const QueuePageQuery& query) {
  std::vector<FieldViolation> bad;
  if (query.page_size < 0 || query.page_size > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  std::optional<QueueCursor> after;
  if (!query.page_token.empty()) {
    after = DecodeCursor(query.page_token);
    if (!after) bad.push_back({"page_token", "is not a token this service returned"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const int limit = query.page_size == 0 ? 50 : query.page_size;
  return transactions_.RunFor<QueuePage>([&](Transaction& tx) -> absl::StatusOr<QueuePage> {
    auto entries = dispatcher_.stores().queue.List(tx, office.jurisdiction(), after, limit + 1);
    QueuePage page;
    const bool more = static_cast<int>(entries.size()) > limit;
    if (more) entries.resize(limit);
    for (auto& [cursor, entry] : entries) page.entries.push_back(std::move(entry));
    if (more) page.next_page_token = EncodeCursor(entries.back().first);
    return page;
  });
}

absl::StatusOr<DispatchOutcome> OfficeActions::DispatchManually(
    const common::Actor& office, const ManualDispatchCommand& command) {
  std::vector<FieldViolation> bad;
  if (command.ticket_number.empty()) bad.push_back({"ticket_number", "is required"});
  service::CheckFreeText("note", command.note, service::kMaxNoteChars, /*required=*/false, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<DispatchOutcome>(
      [&](Transaction& tx) -> absl::StatusOr<DispatchOutcome> {
        auto ticket =
            TicketWithin(stores.tickets, tx, office.jurisdiction(), command.ticket_number);
        if (!ticket.ok()) return ticket.status();
        auto units = CheckNamedUnits(stores.units, tx, office.jurisdiction(),
                                     dispatcher_.jurisdiction(), command.units);
        if (!units.ok()) return units.status();
        v1::RoutingDecision decision;
        decision.set_outcome(v1::DECISION_OUTCOME_DISPATCHED);
        decision.set_reason_code("routing.manual");
        decision.set_reason(command.note.empty()
                                ? "dispatched by hand (研判)"
                                : absl::StrCat("dispatched by hand (研判): ", command.note));
        decision.set_trigger("manual");
        auto assigned =
            dispatcher_.Assign(tx, *ticket, stores.assignments.RoutingStateOf(tx, ticket->id()),
                               TicketAction::kDispatch, *units, decision, office);
        if (!assigned.ok()) return assigned.status();
        return DispatchOutcome{*std::move(assigned)};
      });
}

absl::StatusOr<DispatchOutcome> OfficeActions::Reassign(const common::Actor& office,
                                                        const ReassignCommand& command) {
  std::vector<FieldViolation> bad;
  if (command.ticket_number.empty()) bad.push_back({"ticket_number", "is required"});
  service::CheckFreeText("reason", command.reason, service::kMaxReasonChars, /*required=*/true,
                         bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<DispatchOutcome>([&](Transaction& tx)
                                                   -> absl::StatusOr<DispatchOutcome> {
    auto ticket = TicketWithin(stores.tickets, tx, office.jurisdiction(), command.ticket_number);
    if (!ticket.ok()) return ticket.status();
    auto units = CheckNamedUnits(stores.units, tx, office.jurisdiction(),
                                 dispatcher_.jurisdiction(), command.units);
    if (!units.ok()) return units.status();
    if (ticket->state() != common::TICKET_STATE_DISPATCHED &&
        ticket->state() != common::TICKET_STATE_IN_PROGRESS) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot REASSIGN a ticket in state ",
                       common::TicketState_Name(ticket->state()).substr(13),
                       "; a ticket waiting for dispatch is dispatched with DispatchManually"));
    }
    const TicketRouting routing = stores.assignments.RoutingStateOf(tx, ticket->id());
    for (v1::Assignment& a : stores.assignments.OfRound(tx, ticket->id(), routing.round)) {
      // Replied or returned parts stay as they are.
      if (!MoveAssignment(a, domain::AssignmentAction::kCancel).ok()) continue;
      stores.assignments.Save(tx, a);
      v1::AssignmentChanged changed;
      *changed.mutable_assignment() = a;
      ticket = stores.tickets.Record(tx, ticket->id(), ticket->version(),
                                     event_type::kRoutingAssignmentChanged, changed, office);
      if (!ticket.ok()) return ticket.status();
    }
    v1::RoutingDecision decision;
    decision.set_outcome(v1::DECISION_OUTCOME_DISPATCHED);
    decision.set_reason_code("routing.reassigned");
    decision.set_reason(absl::StrCat("reassigned by the hotline office (改派): ", command.reason));
    decision.set_trigger("reassigned");
    auto assigned =
        dispatcher_.Assign(tx, *ticket, routing, TicketAction::kReassign, *units, decision, office);
    if (!assigned.ok()) return assigned.status();
    return DispatchOutcome{*std::move(assigned)};
  });
}

absl::StatusOr<std::vector<v1::RoutingDecision>> OfficeActions::Explain(
    const common::Actor& office, const std::string& ticket_number) {
  if (ticket_number.empty()) return InvalidFields({{"ticket_number", "is required"}});
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<std::vector<v1::RoutingDecision>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::RoutingDecision>> {
        auto ticket = TicketWithin(stores.tickets, tx, office.jurisdiction(), ticket_number);
        if (!ticket.ok()) return ticket.status();
        return stores.decisions.Of(tx, ticket->id());
      });
}

}  // namespace hotline::routing
