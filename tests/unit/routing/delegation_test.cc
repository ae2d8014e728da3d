// The province does not dispatch a place that an instance of its own serves: it transfers it out,
// with the delegations read from provincial transfer's view and cached.
#include <catch2/catch.hpp>

#include "hotline/routing/v1/routing.pb.h"
#include "libs/domain/event_types.h"
#include "services/routing/app/delegated_regions.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

class FakeDelegatedRegionSource final : public routing::DelegatedRegionSource {
 public:
  absl::StatusOr<std::vector<routing::DelegatedRegion>> Load() const override {
    ++loads;
    if (!status.ok()) return status;
    return regions;
  }
  std::vector<routing::DelegatedRegion> regions;
  absl::Status status;
  mutable int loads = 0;
};

// RoutingWorld's Kunming instance, where Wuhua district (530102) runs a line of its own.
struct DelegationWorld {
  DelegationWorld() { source.regions = {{"530102", "530102"}}; }

  absl::StatusOr<v1::RoutingDecision> Route(const common::Ticket& ticket) {
    routing::RouteRequest accepted;
    accepted.trigger = "accepted";
    return w.transactions.RunFor<v1::RoutingDecision>(
        [&](Transaction& tx) -> absl::StatusOr<v1::RoutingDecision> {
          return dispatcher.Route(tx, ticket, w.assignments.RoutingStateOf(tx, ticket.id()),
                                  accepted, RoutingWorld::Office());
        });
  }

  RoutingWorld w;
  FakeDelegatedRegionSource source;
  routing::DelegatedRegions delegated{source, absl::Seconds(1), w.clock};
  routing::Dispatcher dispatcher{w.stores, w.directory, w.clock, "5301", nullptr, &delegated};
};

TEST_CASE("A delegated place is transferred out with its reason", "[delegation]") {
  DelegationWorld d;
  const common::Ticket ticket = d.w.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  absl::StatusOr<v1::RoutingDecision> decision = d.Route(ticket);
  REQUIRE(decision.ok());
  CHECK(decision->outcome() == v1::DECISION_OUTCOME_TRANSFERRED_OUT);
  CHECK(decision->reason_code() == "routing.delegated_to_instance");
  CHECK(d.w.StateOf(ticket.id()) == common::TICKET_STATE_TRANSFERRED_OUT);
  CHECK(d.w.tickets.EventTypes(ticket.id()).back() == event_type::kRoutingTransferredOut);
  v1::TransferredOut payload;
  REQUIRE(d.w.tickets.events().back().payload().UnpackTo(&payload));
  CHECK(payload.reason_code() == "routing.delegated_to_instance");
  CHECK(payload.region_code() == "530102");
}

TEST_CASE("A place nobody else serves is dispatched here", "[delegation]") {
  DelegationWorld d;
  d.source.regions = {{"530124", "530124"}};
  const common::Ticket ticket = d.w.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  REQUIRE(d.Route(ticket).ok());
  CHECK(d.w.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
}

TEST_CASE("Without the delegations nothing is decided, so nothing is dispatched wrongly",
          "[delegation]") {
  DelegationWorld d;
  d.source.status = absl::UnavailableError("database down");
  const common::Ticket ticket = d.w.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(d.Route(ticket).status().code() == absl::StatusCode::kUnavailable);
  CHECK(d.w.StateOf(ticket.id()) == common::TICKET_STATE_PENDING_DISPATCH);
}

TEST_CASE("A new delegation applies once the cache expires, without a restart", "[delegation]") {
  DelegationWorld d;
  d.source.regions = {};
  const common::Ticket first = d.w.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  REQUIRE(d.Route(first).ok());
  CHECK(d.w.StateOf(first.id()) == common::TICKET_STATE_DISPATCHED);

  d.source.regions = {{"5301", "5301-line"}};
  const common::Ticket second = d.w.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  REQUIRE(d.Route(second).ok());
  CHECK(d.w.StateOf(second.id()) == common::TICKET_STATE_DISPATCHED);  // still cached
  CHECK(d.source.loads == 1);

  d.w.clock.Advance(absl::Seconds(2));
  const common::Ticket third = d.w.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  REQUIRE(d.Route(third).ok());
  CHECK(d.w.StateOf(third.id()) == common::TICKET_STATE_TRANSFERRED_OUT);
}

}  // namespace
}  // namespace hotline::testing
