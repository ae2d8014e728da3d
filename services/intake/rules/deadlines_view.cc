#include "services/intake/rules/deadlines_view.h"

#include <map>

#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/domain/event_types.h"

namespace hotline::intake {

namespace supervision = hotline::supervision::v1;

std::vector<v1::Deadline> CurrentDeadlines(
    const std::vector<hotline::common::v1::EventEnvelope>& history) {
  std::map<int64_t, supervision::Clock> clocks;  // by id: oldest first
  for (const hotline::common::v1::EventEnvelope& event : history) {
    supervision::ClocksChanged changed;
    if (event.type() != event_type::kSupervisionClocksChanged ||
        !event.payload().UnpackTo(&changed)) {
      continue;
    }
    for (const supervision::Clock& clock : changed.clocks()) clocks[clock.id()] = clock;
  }
  std::vector<v1::Deadline> deadlines;
  for (const auto& [id, clock] : clocks) {
    if (clock.state() == supervision::CLOCK_STATE_STOPPED) continue;
    v1::Deadline& d = deadlines.emplace_back();
    switch (clock.kind()) {
      case supervision::CLOCK_KIND_SIGN_FOR:
        d.set_clock("sign_for");
        break;
      case supervision::CLOCK_KIND_HANDLING:
        d.set_clock("handling");
        break;
      case supervision::CLOCK_KIND_CO_REPLY:
        d.set_clock("co_reply");
        break;
      case supervision::CLOCK_KIND_FOLLOW_UP:
        d.set_clock("follow_up");
        break;
      default:
        d.set_clock("retention");
    }
    *d.mutable_due_at() = clock.due_at();
  }
  return deadlines;
}

}  // namespace hotline::intake
