#pragma once

// What the tests of the event → deltas rules share: Shanghai time, the seed's standard calendar,
// a Ledger that applies one ticket's events and sums the deltas, and a ticket handled in time.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "libs/calendar/calendar_text.h"
#include "services/reporting/rules/event_deltas.h"
#include "tests/unit/reporting/event_script.h"

namespace hotline::reporting {

inline absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

inline absl::Time At(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Shanghai());
}

inline const calendar::BusinessCalendar& Standard() {
  static const calendar::BusinessCalendar* standard = [] {
    std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = calendar::ParseCalendar(text.str());
    REQUIRE(parsed.ok());
    return new calendar::BusinessCalendar(*std::move(parsed));
  }();
  return *standard;
}

// Applies events in order to one ticket's facts and sums every delta by counter, and by
// (counter, unit) and (counter, detail) and (counter, day).
class Ledger {
 public:
  explicit Ledger(const calendar::BusinessCalendar* cal = &Standard())
      : context_{Shanghai(), cal, {}} {}

  bool Apply(const hotline::common::v1::EventEnvelope& event) {
    EventOutcome out = ApplyEvent(event, facts_, context_);
    if (!out.changed) return false;
    facts_ = out.facts;
    for (const Delta& d : out.deltas) {
      total_[d.counter] += d.amount;
      by_unit_[{d.counter, d.dims.unit_id}] += d.amount;
      by_detail_[{d.counter, d.detail}] += d.amount;
      by_day_[{d.counter, absl::FormatCivilTime(d.day)}] += d.amount;
      regions_[d.dims.region_code] += 1;
    }
    return true;
  }

  int64_t operator[](Counter c) const {
    auto it = total_.find(c);
    return it == total_.end() ? 0 : it->second;
  }
  int64_t Unit(Counter c, const std::string& unit) const { return Get(by_unit_, {c, unit}); }
  int64_t Detail(Counter c, const std::string& d) const { return Get(by_detail_, {c, d}); }
  int64_t Day(Counter c, const std::string& day) const { return Get(by_day_, {c, day}); }
  const std::map<std::string, int>& regions() const { return regions_; }
  const TicketFacts& facts() const { return facts_; }

 private:
  using Key = std::pair<Counter, std::string>;
  static int64_t Get(const std::map<Key, int64_t>& m, const Key& k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  }
  DeltaContext context_;
  TicketFacts facts_;
  std::map<Counter, int64_t> total_;
  std::map<Key, int64_t> by_unit_, by_detail_, by_day_;
  std::map<std::string, int> regions_;
};

inline constexpr int kReceived = hotline::common::v1::TICKET_STATE_RECEIVED;
inline constexpr int kPending = hotline::common::v1::TICKET_STATE_PENDING_DISPATCH;
inline constexpr int kDispatchedState = hotline::common::v1::TICKET_STATE_DISPATCHED;
inline constexpr int kInProgress = hotline::common::v1::TICKET_STATE_IN_PROGRESS;
inline constexpr int kRepliedState = hotline::common::v1::TICKET_STATE_REPLIED;
inline constexpr int kClosedState = hotline::common::v1::TICKET_STATE_CLOSED;
inline constexpr int kFollowedUpState = hotline::common::v1::TICKET_STATE_FOLLOWED_UP;
inline constexpr int kReopenedState = hotline::common::v1::TICKET_STATE_REOPENED;

// Accepted, dispatched to `unit` (assignment 100) on Tuesday 2026-12-01 10:00, signed at 10:30,
// replied Wednesday 11:00, closed at 11:05.
inline void HandleToClosing(Ledger& ledger, EventScript& s, const std::string& unit) {
  REQUIRE(ledger.Apply(s.Created("530102", "urban/roads")));
  REQUIRE(ledger.Apply(s.State(kReceived, kPending)));
  REQUIRE(ledger.Apply(s.Dispatched(unit, 100)));
  REQUIRE(ledger.Apply(s.State(kPending, kDispatchedState)));
  REQUIRE(ledger.Apply(s.ClockStarted(hotline::supervision::v1::CLOCK_KIND_SIGN_FOR,
                                      s.now() + absl::Hours(2), 100)));
  REQUIRE(ledger.Apply(
      s.ClockStarted(hotline::supervision::v1::CLOCK_KIND_HANDLING, s.now() + absl::Hours(72))));
  s.Advance(absl::Minutes(30));
  REQUIRE(ledger.Apply(s.Signed(unit, 100)));
  REQUIRE(ledger.Apply(s.State(kDispatchedState, kInProgress)));
  s.At(At(2026, 12, 2, 11, 0));
  REQUIRE(ledger.Apply(s.Replied(unit)));
  REQUIRE(ledger.Apply(s.State(kInProgress, kRepliedState)));
  s.Advance(absl::Minutes(5));
  REQUIRE(ledger.Apply(s.State(kRepliedState, kClosedState)));
}

}  // namespace hotline::reporting
