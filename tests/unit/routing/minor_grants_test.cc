// The hotline office's grants of a minor's identifying details to a unit that is not the lead,
// on fakes: without one the co-handler reads the ticket redacted; with one, in full (and the
// grant is audited); after it expires or is revoked, redacted again.
#include "services/routing/app/minor_grants.h"

#include <catch2/catch.hpp>

#include "services/routing/app/unit_inbox.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using routing::GrantAction;
using routing::MinorGrants;
using routing::UnitInbox;

constexpr char kLead[] = "530102-education";
constexpr char kCo[] = "530102-civil-affairs";

struct GrantWorld : RoutingWorld {
  GrantWorld() {
    common::Ticket draft = PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
    draft.mutable_flags()->set_involves_minor(true);
    draft.mutable_caller()->set_name("王芳");
    draft.mutable_caller()->set_phone("13912345678");
    draft.set_address("五华区某小区3栋");
    ticket = tickets.Put(draft);
    Dispatch(ticket);
    co = AssignmentOf(ticket.id(), kCo);
  }
  absl::StatusOr<routing::AssignedTicket> ReadAsCo() {
    return inbox.GetAssignedTicket(Unit(kCo), co.id());
  }
  routing::GrantCommand Command(absl::Duration for_how_long, const std::string& unit = kCo) {
    return {ticket.number(), unit, "协办单位需联系监护人核实情况", clock.Now() + for_how_long};
  }

  UnitInbox inbox{transactions, stores, audit, grants, clock};
  MinorGrants office_grants{transactions, stores, grants, audit, clock};
  common::Ticket ticket;
  v1::Assignment co;
};

TEST_CASE("An office grant shows a co-handler a minor's details until it expires",
          "[minor_grants]") {
  GrantWorld world;
  auto before = world.ReadAsCo();
  REQUIRE(before.ok());
  CHECK(before->caller_withheld);
  CHECK(before->ticket.caller().phone().empty());

  auto granted = world.office_grants.Grant(RoutingWorld::Office(), world.Command(absl::Hours(2)));
  REQUIRE(granted.ok());
  REQUIRE(world.audit.grants().size() == 1);
  CHECK(world.audit.grants()[0].action == GrantAction::kGrant);
  CHECK(world.audit.grants()[0].unit_id == kCo);
  CHECK(world.audit.grants()[0].principal == "office");
  CHECK(world.audit.grants()[0].reason == "协办单位需联系监护人核实情况");

  auto during = world.ReadAsCo();
  REQUIRE(during.ok());
  CHECK_FALSE(during->caller_withheld);
  CHECK(during->ticket.caller().name() == "王芳");
  CHECK(during->ticket.caller().phone() == "13912345678");
  CHECK(during->ticket.address() == "五华区某小区3栋");
  CHECK_FALSE(world.audit.reads().back().caller_withheld);
  CHECK(world.audit.reads().back().grant_id == granted->grant_id);
  CHECK(world.audit.reads().back().fields ==
        std::vector<std::string>{"caller.name", "caller.phone", "address"});

  world.clock.Advance(absl::Hours(2));
  auto after = world.ReadAsCo();
  REQUIRE(after.ok());
  CHECK(after->caller_withheld);
  CHECK(after->ticket.caller().name().empty());
  CHECK(after->ticket.address().empty());
  CHECK(world.audit.reads().back().fields.empty());
}

TEST_CASE("A revoked grant redacts again, and the revocation is audited", "[minor_grants]") {
  GrantWorld world;
  REQUIRE(world.office_grants.Grant(RoutingWorld::Office(), world.Command(absl::Hours(24))).ok());
  REQUIRE_FALSE(world.ReadAsCo()->caller_withheld);

  auto revoked = world.office_grants.Revoke(RoutingWorld::Office(),
                                            {world.ticket.number(), kCo, "核实已完成"});
  REQUIRE(revoked.ok());
  CHECK(*revoked == 1);
  REQUIRE(world.audit.grants().size() == 2);
  CHECK(world.audit.grants()[1].action == GrantAction::kRevoke);
  CHECK(world.audit.grants()[1].reason == "核实已完成");
  CHECK(world.ReadAsCo()->caller_withheld);
  // Nothing left to revoke.
  CHECK(
      world.office_grants.Revoke(RoutingWorld::Office(), {world.ticket.number(), kCo, "核实已完成"})
          .status()
          .code() == absl::StatusCode::kNotFound);
}

TEST_CASE("A grant needs a minor's ticket, a non-lead unit on it, a reason and a near expiry",
          "[minor_grants]") {
  GrantWorld world;
  const common::Actor office = RoutingWorld::Office();
  CHECK(ViolatedFields(
            world.office_grants.Grant(office, {"", "", "", absl::InfinitePast()}).status()) ==
        std::vector<std::string>{"ticket_number", "unit_id", "reason", "expires_at"});
  CHECK(ViolatedFields(
            world.office_grants.Grant(office, world.Command(-absl::Minutes(1))).status()) ==
        std::vector<std::string>{"expires_at"});
  CHECK(ViolatedFields(
            world.office_grants.Grant(office, world.Command(absl::Hours(24 * 31))).status()) ==
        std::vector<std::string>{"expires_at"});
  // The lead sees the details already; a unit without an assignment gets none.
  CHECK(world.office_grants.Grant(office, world.Command(absl::Hours(1), kLead)).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(world.office_grants.Grant(office, world.Command(absl::Hours(1), "530103-education"))
            .status()
            .code() == absl::StatusCode::kFailedPrecondition);
  // An office elsewhere learns nothing about the ticket.
  CHECK(world.office_grants.Grant(RoutingWorld::Office("5303"), world.Command(absl::Hours(1)))
            .status()
            .code() == absl::StatusCode::kNotFound);
  // An adult's ticket withholds nothing a grant could lift.
  const common::Ticket adult = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(adult);
  routing::GrantCommand on_adult = world.Command(absl::Hours(1));
  on_adult.ticket_number = adult.number();
  CHECK(world.office_grants.Grant(office, on_adult).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(world.audit.grants().empty());
}

}  // namespace
}  // namespace hotline::testing
