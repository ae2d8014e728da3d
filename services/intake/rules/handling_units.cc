#include "services/intake/rules/handling_units.h"

#include "hotline/routing/v1/routing.pb.h"
#include "libs/domain/event_types.h"

namespace hotline::intake {

namespace routing = hotline::routing::v1;

std::vector<v1::HandlingUnit> CurrentHandlingUnits(
    const std::vector<hotline::common::v1::EventEnvelope>& history) {
  std::vector<routing::Assignment> round;
  for (const hotline::common::v1::EventEnvelope& event : history) {
    routing::TicketDispatched dispatched;
    routing::AssignmentChanged changed;
    if (event.type() == event_type::kRoutingDispatched && event.payload().UnpackTo(&dispatched)) {
      round.assign(dispatched.assignments().begin(), dispatched.assignments().end());
    } else if (event.type() == event_type::kRoutingAssignmentChanged &&
               event.payload().UnpackTo(&changed)) {
      for (routing::Assignment& a : round) {
        if (a.id() == changed.assignment().id()) a.set_state(changed.assignment().state());
      }
    }
  }
  std::vector<v1::HandlingUnit> units;
  for (const routing::Assignment& a : round) {
    v1::HandlingUnit& unit = units.emplace_back();
    unit.set_unit_id(a.unit_id());
    unit.set_unit_name(a.unit_name());
    unit.set_role(a.role());
    unit.set_state(a.state());
  }
  return units;
}

}  // namespace hotline::intake
