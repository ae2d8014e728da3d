// Reporting's working time comes from the calendar deadline supervision keeps: a holiday an
// operator adds there changes the handling hours of the closings counted afterwards, and a
// rebuild restates the earlier ones.
#include <catch2/catch.hpp>

#include "services/supervision/store/pg_settings_store.h"
#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

// Dispatched Tuesday 2026-12-01 10:00, replied Wednesday 12-02 11:00, closed at 11:05: 6 working
// hours on Tuesday (10–12, 13:30–17:30) and 2 on Wednesday (9–11).
void HandledTicket(Fixture& f, int64_t id) {
  EventScript t(id, At(2026, 12, 1, 9, 0));
  f.Apply(t.Created("530102", "urban/roads"));
  f.Apply(t.State(kReceived, kPending));
  t.At(At(2026, 12, 1, 10, 0));
  f.Apply(t.Dispatched("unit-a", id * 10));
  f.Apply(t.State(kPending, kDispatched));
  t.At(At(2026, 12, 2, 11, 0));
  f.Apply(t.Replied("unit-a"));
  f.Apply(t.State(kDispatched, kReplied));
  t.At(At(2026, 12, 2, 11, 5));
  f.Apply(t.State(kReplied, kClosed));
}

double HandlingHours(Fixture& f) {
  const IndicatorReport report = f.Get({}, {}, /*compare_previous=*/false);
  REQUIRE(report.rows.size() == 1);
  for (size_t i = 0; i < report.definitions.size(); ++i) {
    if (report.definitions[i].code != "handling_hours_avg") continue;
    REQUIRE(report.rows[0].cells[i].current.value.has_value());
    return *report.rows[0].cells[i].current.value;
  }
  FAIL("no handling_hours_avg");
  return 0;
}

TEST_CASE("A holiday added to supervision's calendar changes reporting's working time") {
  Fixture f;
  HandledTicket(f, 1);
  CHECK(HandlingHours(f) == Approx(8));

  // The operator's edit, through supervision's own store (what UpsertCalendar runs).
  supervision::PgSettingsStore settings;
  REQUIRE(f.transactions
              .Run([&](Transaction& tx) {
                std::optional<std::string> text = settings.CalendarText(tx, "standard");
                REQUIRE(text.has_value());
                settings.PutCalendar(tx, "standard", *text + "\nholiday 2026-12-02 停工日\n");
                return absl::OkStatus();
              })
              .ok());

  HandledTicket(f, 2);  // closed after the edit: Wednesday is no longer working time
  CHECK(HandlingHours(f) == Approx((8.0 + 6.0) / 2));

  REQUIRE(f.rebuilder->Rebuild().ok());  // the history again, with today's calendar
  CHECK(HandlingHours(f) == Approx(6));
}

}  // namespace
}  // namespace hotline::reporting
