#pragma once

// The use cases' world for unit tests: in-memory stores tracked by a fake transaction runner, the
// fake ticket core, and two scripted tickets.
#include <catch2/catch.hpp>

#include "libs/common/proto_time.h"
#include "services/reporting/app/rollup_keeper.h"
#include "tests/support/fake_ticket_store.h"
#include "tests/unit/reporting/event_script.h"
#include "tests/unit/reporting/fake_reporting_stores.h"

namespace hotline::reporting {

inline absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

inline absl::Time At(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Shanghai());
}

struct World {
  World() : tickets("5301", clock), tables(facts, counts) {
    runner.Track(facts);
    runner.Track(counts);
    runner.Track(tables);
    runner.Track(tickets);
  }

  RollupStores stores() { return {facts, counts, tables, tickets}; }
  absl::Status Apply(const hotline::common::v1::EventEnvelope& e) {
    RollupKeeper keeper(stores(), natural_time, 4);
    return runner.Run([&](Transaction& tx) { return keeper.Apply(tx, e); });
  }
  int64_t Total(Counter c) const {
    int64_t total = 0;
    for (const Delta& d : counts.deltas) total += d.counter == c ? d.amount : 0;
    return total;
  }

  const WorkingCalendar natural_time{Shanghai()};
  FakeClock clock{At(2026, 12, 3, 9)};
  testing::FakeTicketStore tickets;
  FakeTicketFactsStore facts;
  FakeCounterStore counts;
  FakeRollupTables tables;
  FakeEventHistory history;
  testing::FakeTransactionRunner runner;
};

// A refused ticket and a dispatched one, both in the history and applied live.
inline void TwoTickets(World& w) {
  EventScript a(5, At(2026, 12, 1, 9));
  EventScript b(6, At(2026, 12, 1, 10));
  for (const hotline::common::v1::EventEnvelope& e :
       {a.Created("530102", "urban/roads"), b.Created("530103", "education/fees", true),
        a.State(hotline::common::v1::TICKET_STATE_RECEIVED,
                hotline::common::v1::TICKET_STATE_NOT_ACCEPTED, "scope.x"),
        b.State(hotline::common::v1::TICKET_STATE_RECEIVED,
                hotline::common::v1::TICKET_STATE_PENDING_DISPATCH),
        b.Dispatched("530103-education", 60)}) {
    w.history.events.push_back(e);
    REQUIRE(w.Apply(e).ok());
  }
}

}  // namespace hotline::reporting
