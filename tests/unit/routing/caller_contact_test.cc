// RecordCallerContact (响应) on fakes: the lead's own live assignment only, the first contact of
// the assignment reported once, the checks on the means and the time.
#include <catch2/catch.hpp>

#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "services/routing/app/unit_workflow.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using routing::CallerContactCommand;
using routing::UnitWorkflow;

constexpr char kLead[] = "530102-education";
constexpr char kCoHandler[] = "530102-civil-affairs";

// The payloads of the ticket's routing.caller_contacted events.
std::vector<v1::CallerContacted> Contacted(const RoutingWorld& world, int64_t ticket_id) {
  std::vector<v1::CallerContacted> out;
  for (const common::EventEnvelope& e : world.tickets.events()) {
    if (e.ticket_id() != ticket_id || e.type() != event_type::kRoutingCallerContacted) continue;
    v1::CallerContacted m;
    REQUIRE(e.payload().UnpackTo(&m));
    out.push_back(m);
  }
  return out;
}

TEST_CASE("RecordCallerContact: the lead's first contact is reported once", "[caller_contact]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  world.clock.Advance(absl::Hours(3));
  const absl::Time phoned = world.clock.Now() - absl::Hours(1);

  auto first = units.RecordCallerContact(RoutingWorld::Unit(kLead),
                                         {lead.id(), v1::CONTACT_MEANS_PHONE, phoned});
  REQUIRE(first.ok());
  CHECK(first->first);
  CHECK(first->contact.means() == v1::CONTACT_MEANS_PHONE);
  CHECK(FromTimestamp(first->contact.contacted_at()) == phoned);
  CHECK(FromTimestamp(first->contact.recorded_at()) == world.clock.Now());
  std::vector<v1::CallerContacted> events = Contacted(world, ticket.id());
  REQUIRE(events.size() == 1);
  CHECK(events[0].assignment_id() == lead.id());
  CHECK(events[0].unit_id() == kLead);
  CHECK(events[0].round() == lead.round());
  CHECK(events[0].means() == v1::CONTACT_MEANS_PHONE);
  CHECK(FromTimestamp(events[0].contacted_at()) == phoned);
  CHECK(FromTimestamp(events[0].dispatched_at()) == FromTimestamp(lead.dispatched_at()));
  CHECK(events[0].urgency() == ticket.urgency());

  // A visit later, after signing: recorded, not reported again.
  REQUIRE(units.SignFor(RoutingWorld::Unit(kLead), {lead.id()}).ok());
  auto visit = units.RecordCallerContact(RoutingWorld::Unit(kLead),
                                         {lead.id(), v1::CONTACT_MEANS_VISIT, std::nullopt});
  REQUIRE(visit.ok());
  CHECK_FALSE(visit->first);
  CHECK(FromTimestamp(visit->contact.contacted_at()) == world.clock.Now());
  CHECK(world.assignments.ContactsOf(lead.id()).size() == 2);
  CHECK(Contacted(world, ticket.id()).size() == 1);
}

TEST_CASE("RecordCallerContact: another unit's assignment is NOT_FOUND", "[caller_contact]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);

  auto other = units.RecordCallerContact(RoutingWorld::Unit("530103-education"),
                                         {lead.id(), v1::CONTACT_MEANS_SMS, std::nullopt});
  CHECK(other.status().code() == absl::StatusCode::kNotFound);
  auto absent = units.RecordCallerContact(RoutingWorld::Unit(kLead),
                                          {lead.id() + 1000, v1::CONTACT_MEANS_SMS, std::nullopt});
  CHECK(absent.status().code() == absl::StatusCode::kNotFound);
  CHECK(other.status().message() == absent.status().message());
  CHECK(world.assignments.ContactsOf(lead.id()).empty());
  CHECK(Contacted(world, ticket.id()).empty());
}

TEST_CASE("RecordCallerContact: a co-handler or a part no longer live records nothing",
          "[caller_contact]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);

  auto co_handler = units.RecordCallerContact(RoutingWorld::Unit(kCoHandler),
                                              {co.id(), v1::CONTACT_MEANS_PHONE, std::nullopt});
  CHECK(co_handler.status().code() == absl::StatusCode::kFailedPrecondition);

  // The lead's return takes effect once the office upholds its objection.
  auto objected = units.Return(RoutingWorld::Unit(kLead), {lead.id(), "not ours"});
  REQUIRE(objected.ok());
  REQUIRE(world.Review()
              .Decide(RoutingWorld::Office(),
                      {objected->objection->id(), v1::OBJECTION_DECISION_UPHOLD, "agreed"})
              .ok());
  auto returned = units.RecordCallerContact(RoutingWorld::Unit(kLead),
                                            {lead.id(), v1::CONTACT_MEANS_PHONE, std::nullopt});
  CHECK(returned.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(world.assignments.ContactsOf(lead.id()).empty());
  CHECK(Contacted(world, ticket.id()).empty());
}

TEST_CASE("RecordCallerContact: the means and the time are checked", "[caller_contact]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  auto none = units.RecordCallerContact(RoutingWorld::Unit(kLead),
                                        {0, v1::CONTACT_MEANS_UNSPECIFIED, std::nullopt});
  CHECK(ViolatedFields(none.status()) == std::vector<std::string>{"assignment_id", "means"});
  auto future =
      units.RecordCallerContact(RoutingWorld::Unit(kLead),
                                {1, v1::CONTACT_MEANS_PHONE, world.clock.Now() + absl::Minutes(1)});
  CHECK(ViolatedFields(future.status()) == std::vector<std::string>{"contacted_at"});

  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  auto before = units.RecordCallerContact(
      RoutingWorld::Unit(kLead),
      {lead.id(), v1::CONTACT_MEANS_PHONE, FromTimestamp(lead.dispatched_at()) - absl::Hours(1)});
  CHECK(ViolatedFields(before.status()) == std::vector<std::string>{"contacted_at"});
  CHECK(world.assignments.ContactsOf(lead.id()).empty());
}

}  // namespace
}  // namespace hotline::testing
