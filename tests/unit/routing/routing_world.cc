#include "tests/unit/routing/routing_world.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "libs/domain/region_code.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

struct DirectoryUnit {
  const char* region;
  const char* department;
};

constexpr DirectoryUnit kUnits[] = {
    {"5301", "education"},
    {"5301", "civil-affairs"},
    {"5301", "minor-protection-centre"},
    {"530102", "education"},
    {"530102", "civil-affairs"},
    {"530102", "public-security"},
    {"530102001", "child-supervisor"},
    {"530102001001", "child-director"},
};

std::string UnitId(const DirectoryUnit& u) { return std::string(u.region) + "-" + u.department; }

void FillDirectory(routing::DirectorySnapshot::Builder& b) {
  for (const char* code : {"child-director", "child-supervisor", "civil-affairs", "education",
                           "minor-protection-centre", "public-security"}) {
    b.AddDepartment(code);
  }
  for (const DirectoryUnit& u : kUnits) {
    b.AddUnit(UnitId(u), UnitId(u), u.region, u.department).IgnoreError();
  }
  b.AddRule(1, "education/school", "", routing::AreaKind::kAny, domain::Tier::kCounty,
            {"education", "civil-affairs"}, 100, "")
      .IgnoreError();
  b.AddRule(2, "education", "", routing::AreaKind::kAny, domain::Tier::kPrefecture, {"education"},
            100, "")
      .IgnoreError();
  b.AddRule(3, "traffic", "", routing::AreaKind::kAny, domain::Tier::kCounty, {"public-security"},
            100, "")
      .IgnoreError();
}

}  // namespace

absl::StatusOr<std::optional<std::string>> FileCalendarTable::Text(Transaction&,
                                                                   absl::string_view code) const {
  if (code != "standard") return std::optional<std::string>();
  std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt");
  std::stringstream text;
  text << in.rdbuf();
  return std::optional<std::string>(text.str());
}

RoutingWorld::RoutingWorld() : source(FillDirectory) {
  transactions.Track(tickets);
  transactions.Track(objections);
  transactions.Track(queue);
  transactions.Track(assignments);
  transactions.Track(decisions);
  for (const DirectoryUnit& u : kUnits) units.Add({UnitId(u), u.region});
  directory.Load().IgnoreError();
}

common::Ticket RoutingWorld::PutTicket(common::TicketState state, const std::string& category,
                                       const std::string& region) {
  common::Ticket ticket;
  ticket.set_state(state);
  ticket.set_category(category);
  ticket.mutable_region()->set_code(region);
  ticket.set_urgency(common::URGENCY_NORMAL);
  ticket.mutable_caller()->set_name("张三");
  ticket.mutable_caller()->set_phone("13800000000");
  return tickets.Put(ticket);
}

std::vector<v1::Assignment> RoutingWorld::Dispatch(const common::Ticket& ticket) {
  std::vector<v1::Assignment> out;
  routing::RouteRequest accepted;
  accepted.trigger = "accepted";
  absl::Status status = transactions.Run([&](Transaction& tx) -> absl::Status {
    auto decision = dispatcher.Route(tx, ticket, assignments.RoutingStateOf(tx, ticket.id()),
                                     accepted, Office());
    if (!decision.ok()) return decision.status();
    const routing::TicketRouting routing = assignments.RoutingStateOf(tx, ticket.id());
    out = assignments.OfRound(tx, ticket.id(), routing.round);
    return absl::OkStatus();
  });
  status.IgnoreError();
  return out;
}

common::Actor RoutingWorld::Unit(const std::string& unit_id) {
  common::Actor actor;
  actor.set_role(common::ROLE_UNIT);
  actor.set_principal(unit_id);
  actor.set_jurisdiction("");
  return actor;
}

common::Actor RoutingWorld::Office(const std::string& jurisdiction) {
  common::Actor actor;
  actor.set_role(common::ROLE_SUPERVISOR);
  actor.set_principal("office");
  actor.set_jurisdiction(jurisdiction);
  return actor;
}

common::TicketState RoutingWorld::StateOf(int64_t ticket_id) {
  Transaction tx;
  return tickets.Get(tx, ticket_id).value().state();
}

v1::Assignment RoutingWorld::AssignmentOf(int64_t ticket_id, const std::string& unit_id) {
  Transaction tx;
  const routing::TicketRouting routing = assignments.RoutingStateOf(tx, ticket_id);
  for (const v1::Assignment& a : assignments.OfRound(tx, ticket_id, routing.round)) {
    if (a.unit_id() == unit_id) return a;
  }
  return {};
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

}  // namespace hotline::testing
