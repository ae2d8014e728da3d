#include "services/routing/app/dispatcher.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/domain/region_code.h"
#include "services/routing/app/decision_explanation.h"
#include "services/routing/rules/routing_rules.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

}  // namespace

Dispatcher::Dispatcher(const RoutingStores& stores, DirectoryCache& directory, const Clock& clock,
                       std::string jurisdiction, prometheus::Registry* registry,
                       DelegatedRegions* delegated)
    : stores_(stores),
      directory_(directory),
      delegated_(delegated),
      clock_(clock),
      jurisdiction_(std::move(jurisdiction)),
      decisions_(5, nullptr) {
  if (registry == nullptr) return;
  auto& family = prometheus::BuildCounter()
                     .Name("hotline_routing_decisions_total")
                     .Help("Routing decisions by outcome")
                     .Register(*registry);
  for (int outcome = 1; outcome <= 4; ++outcome) {
    const std::string name =
        v1::DecisionOutcome_Name(static_cast<v1::DecisionOutcome>(outcome)).substr(17);
    decisions_[outcome] = &family.Add({{"outcome", name}});
  }
}

void Dispatcher::Count(v1::DecisionOutcome outcome) const {
  if (decisions_[outcome] != nullptr) decisions_[outcome]->Increment();
}

absl::StatusOr<v1::RoutingDecision> Dispatcher::Route(Transaction& tx, const common::Ticket& ticket,
                                                      const TicketRouting& routing,
                                                      const RouteRequest& request,
                                                      const common::Actor& actor) const {
  if (request.trigger == "reopened") {
    std::vector<NewAssignment> units = PreviousUnits(tx, ticket.id(), routing.round);
    if (!units.empty()) {
      v1::RoutingDecision decision;
      decision.set_outcome(v1::DECISION_OUTCOME_DISPATCHED);
      decision.set_reason_code("routing.reopened_same_units");
      decision.set_reason("reopened (重办): back to the units that handled it last");
      decision.set_trigger(request.trigger);
      auto assigned = Assign(tx, ticket, routing, TicketAction::kDispatch, units, decision, actor);
      if (!assigned.ok()) return assigned.status();
      return decision;
    }
  }

  v1::RoutingDecision decision;
  if (request.caller_flagged) {
    decision.set_outcome(v1::DECISION_OUTCOME_MANUAL_QUEUE);
    decision.set_reason_code("routing.caller_flagged");
    decision.set_reason(
        "the caller is flagged as malicious (恶意来电): the office reviews it first");
    decision.set_trigger(request.trigger);
    return ToManualQueue(tx, ticket, routing, request, std::move(decision), actor);
  }
  if (request.designation_due) {
    decision.set_outcome(v1::DECISION_OUTCOME_MANUAL_QUEUE);
    decision.set_reason_code("routing.designation_due");
    decision.set_reason(
        "dispatched and returned three times: the hotline office designates the unit (指定)");
    decision.set_trigger(request.trigger);
    return ToManualQueue(tx, ticket, routing, request, std::move(decision), actor);
  }
  const std::shared_ptr<const DirectorySnapshot> directory = directory_.Current();
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(ticket.region().code());
  if (!region.ok()) {  // intake validates codes; an old or foreign row may still be odd
    decision.set_outcome(v1::DECISION_OUTCOME_MANUAL_QUEUE);
    decision.set_reason_code("routing.unknown_region");
    decision.set_reason(absl::StrCat("region code is not valid: ", region.status().message()));
    decision.set_trigger(request.trigger);
    return ToManualQueue(tx, ticket, routing, request, std::move(decision), actor);
  }
  std::shared_ptr<const std::vector<DelegatedRegion>> delegated;
  if (delegated_ != nullptr) {
    auto current = delegated_->Current();
    if (!current.ok()) return current.status();  // retried: never dispatch what is not ours
    delegated = *std::move(current);
  }
  RoutingInput input{ticket.category(), *region, ticket.flags().involves_minor(),
                     request.child_protection_emergency, routing.returned_by};
  if (delegated != nullptr) input.delegated_regions = *delegated;
  const Decision decided = routing::Route(*directory, jurisdiction_, input);
  decision = DecisionToProto(*directory, decided, input);
  decision.set_trigger(request.trigger);

  switch (decided.outcome) {
    case Outcome::kDispatched:
    case Outcome::kEmergencyChain: {
      std::vector<NewAssignment> units;
      for (const ChosenUnit& u : decided.units) {
        units.push_back({std::string(directory->IdOf(*u.unit)),
                         static_cast<common::AssignmentRole>(u.role), u.notify_order});
      }
      auto assigned = Assign(tx, ticket, routing, TicketAction::kDispatch, units, decision, actor);
      if (!assigned.ok()) return assigned.status();
      return decision;
    }
    case Outcome::kTransferredOut: {
      std::vector<std::string> departments;
      if (decided.provincial_rule != nullptr) {
        for (DeptId id : decided.provincial_rule->departments) {
          departments.emplace_back(directory->DepartmentCode(id));
        }
      }
      return TransferOut(tx, ticket, routing, std::move(decision), std::move(departments), actor);
    }
    case Outcome::kManualQueue:
      break;
  }
  if (!decided.review_with_department.empty()) {
    // Stored in the queue entry; the explanation says it too.
    decision.set_reason(
        absl::StrCat(decision.reason(), "; review with ", decided.review_with_department));
  }
  return ToManualQueue(tx, ticket, routing, request, std::move(decision), actor);
}

absl::StatusOr<std::vector<v1::Assignment>> Dispatcher::Assign(
    Transaction& tx, const common::Ticket& ticket, const TicketRouting& routing,
    TicketAction action, const std::vector<NewAssignment>& units, v1::RoutingDecision decision,
    const common::Actor& actor) const {
  // The lifecycle first: an illegal dispatch is FAILED_PRECONDITION before anything is written
  // (Apply checks again under the row lock).
  const domain::TicketStatus status{static_cast<domain::TicketState>(ticket.state())};
  if (auto legal = domain::ApplyTicketAction(status, action); !legal.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("ticket ", ticket.number(), ": ", legal.status().message()));
  }
  const absl::Time now = clock_.Now();
  const int round = routing.round + 1;
  std::vector<v1::Assignment> assignments =
      stores_.assignments.Insert(tx, ticket, round, units, now);
  v1::TicketDispatched event;
  event.set_round(round);
  event.set_trigger(decision.trigger());
  for (const v1::Assignment& a : assignments) *event.add_assignments() = a;
  auto moved =
      stores_.tickets.Apply(tx, ticket.id(), ticket.version(), action, actor,
                            {decision.reason_code()}, {{event_type::kRoutingDispatched, &event}});
  if (!moved.ok()) return moved.status();

  decision.set_round(round);
  *decision.mutable_decided_at() = ToTimestamp(now);
  if (decision.units_size() == 0) {  // named by hand or carried over: say who
    for (const v1::Assignment& a : assignments) {
      v1::ChosenUnit* unit = decision.add_units();
      unit->set_unit_id(a.unit_id());
      unit->set_role(a.role());
      unit->set_notify_order(a.notify_order());
    }
  }
  stores_.decisions.Insert(tx, ticket.id(), decision);
  if (routing.queued) stores_.queue.Dequeue(tx, ticket.id());
  Count(decision.outcome());
  return assignments;
}

absl::StatusOr<v1::RoutingDecision> Dispatcher::ToManualQueue(
    Transaction& tx, const common::Ticket& ticket, const TicketRouting& routing,
    const RouteRequest& request, v1::RoutingDecision decision, const common::Actor& actor) const {
  const absl::Time now = clock_.Now();
  const bool minors = ticket.flags().involves_minor() || request.child_protection_emergency;
  v1::ManualQueueEntry entry;
  entry.set_ticket_number(ticket.number());
  entry.set_reason_code(decision.reason_code());
  entry.set_reason(decision.reason());
  entry.set_category(ticket.category());
  entry.set_region_code(ticket.region().code());
  entry.set_involves_minor(minors);
  entry.set_urgency(ticket.urgency());
  entry.set_review_with_department(minors ? std::string(kCivilAffairs) : "");
  entry.set_objection(request.objection);
  entry.set_objecting_unit_id(request.objecting_unit_id);
  *entry.mutable_queued_at() = ToTimestamp(now);
  stores_.queue.Enqueue(tx, ticket.id(), entry);

  v1::QueuedForManualDispatch event;
  event.set_reason_code(decision.reason_code());
  event.set_review_with_department(entry.review_with_department());
  const absl::Status written =
      ticket.state() == common::TICKET_STATE_PENDING_DISPATCH
          ? stores_.tickets
                .Record(tx, ticket.id(), ticket.version(),
                        event_type::kRoutingQueuedForManualDispatch, event, actor)
                .status()
          : stores_.tickets
                .Apply(tx, ticket.id(), ticket.version(), TicketAction::kQueueForDispatch, actor,
                       {decision.reason_code()},
                       {{event_type::kRoutingQueuedForManualDispatch, &event}})
                .status();
  if (!written.ok()) return written;

  decision.set_round(routing.round);
  *decision.mutable_decided_at() = ToTimestamp(now);
  stores_.decisions.Insert(tx, ticket.id(), decision);
  Count(decision.outcome());
  return decision;
}

absl::StatusOr<v1::RoutingDecision> Dispatcher::TransferOut(Transaction& tx,
                                                            const common::Ticket& ticket,
                                                            const TicketRouting& routing,
                                                            v1::RoutingDecision decision,
                                                            std::vector<std::string> departments,
                                                            const common::Actor& actor) const {
  const absl::Time now = clock_.Now();
  v1::TransferredOut event;
  event.set_reason_code(decision.reason_code());
  event.set_region_code(ticket.region().code());
  for (std::string& d : departments) event.add_departments(std::move(d));
  auto moved = stores_.tickets.Apply(tx, ticket.id(), ticket.version(), TicketAction::kTransferOut,
                                     actor, {decision.reason_code()},
                                     {{event_type::kRoutingTransferredOut, &event}});
  if (!moved.ok()) return moved.status();
  if (routing.queued) stores_.queue.Dequeue(tx, ticket.id());
  decision.set_round(routing.round);
  *decision.mutable_decided_at() = ToTimestamp(now);
  stores_.decisions.Insert(tx, ticket.id(), decision);
  Count(decision.outcome());
  return decision;
}

absl::StatusOr<v1::RoutingDecision> Dispatcher::QueueReturnedTransfer(
    Transaction& tx, const common::Ticket& ticket, const TicketRouting& routing,
    const ReturnedTransfer& returned, const common::Actor& actor) const {
  v1::RoutingDecision decision;
  decision.set_outcome(v1::DECISION_OUTCOME_MANUAL_QUEUE);
  decision.set_reason_code(returned.reason_code);
  decision.set_reason(returned.from_instance.empty()
                          ? absl::StrCat("provincial transfer cannot send it on (",
                                         returned.reason_code, "): the hotline office decides")
                          : absl::StrCat("instance ", returned.from_instance,
                                         " gave it back as not its own (",
                                         returned.returned_reason_code,
                                         "): the hotline office decides (派单异议)"));
  decision.set_trigger("transfer");
  RouteRequest request;
  request.trigger = "transfer";
  // The returning instance objects as a returning unit would.
  request.objection = returned.returned_reason_code;
  request.objecting_unit_id = returned.from_instance;
  return ToManualQueue(tx, ticket, routing, request, std::move(decision), actor);
}

std::vector<NewAssignment> Dispatcher::PreviousUnits(Transaction& tx, int64_t ticket_id,
                                                     int round) const {
  if (round == 0) return {};
  std::vector<NewAssignment> units;
  std::vector<std::string> ids;
  for (const v1::Assignment& a : stores_.assignments.OfRound(tx, ticket_id, round)) {
    if (a.role() == common::ASSIGNMENT_ROLE_NOTIFIED ||
        a.state() == common::ASSIGNMENT_STATE_RETURNED ||
        a.state() == common::ASSIGNMENT_STATE_CANCELLED) {
      continue;
    }
    units.push_back({a.unit_id(), a.role(), 0});
    ids.push_back(a.unit_id());
  }
  const std::vector<ActiveUnit> active = stores_.units.Find(tx, ids);
  auto is_active = [&](const std::string& id) {
    for (const ActiveUnit& u : active) {
      if (u.id == id) return true;
    }
    return false;
  };
  std::vector<NewAssignment> still;
  for (NewAssignment& u : units) {
    if (is_active(u.unit_id)) still.push_back(std::move(u));
  }
  const bool has_lead = std::any_of(still.begin(), still.end(), [](const NewAssignment& u) {
    return u.role == common::ASSIGNMENT_ROLE_LEAD;
  });
  return has_lead ? still : std::vector<NewAssignment>{};
}

}  // namespace hotline::routing
