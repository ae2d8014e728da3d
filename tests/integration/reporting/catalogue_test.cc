// Catalogue version 2 on real PostgreSQL: from 2027 the indicators count provincial transfer's
// own events; periods before keep version 1 and its figures.
#include <catch2/catch.hpp>

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

IndicatorReport Day(Fixture& f, absl::CivilDay day) {
  IndicatorQuery q;
  q.from = q.to = day;
  absl::StatusOr<IndicatorReport> report = f.queries.Get(q);
  REQUIRE(report.ok());
  return *std::move(report);
}

const IndicatorCell* Cell(const IndicatorReport& report, const std::string& code) {
  for (size_t i = 0; i < report.definitions.size(); ++i) {
    if (report.definitions[i].code == code && !report.rows.empty()) {
      return &report.rows[0].cells[i];
    }
  }
  return nullptr;
}

TEST_CASE("From 2027 the catalogue counts provincial transfer's events") {
  Fixture f;
  f.Script();
  EventScript out(7, At(2027, 1, 5, 9, 0));
  f.Apply(out.Created("530102", "urban/roads"));
  f.Apply(out.TransferredOut());
  f.Apply(out.Forwarded("53"));
  f.Apply(out.RemoteUpdate(hotline::transfer::v1::REMOTE_CHANGE_CLOSED));
  EventScript in(8, At(2027, 1, 5, 10, 0));
  f.Apply(in.Created("530102", "urban/roads", false, hotline::common::v1::CHANNEL_TRANSFER));
  f.Apply(in.ReceivedFrom("5303"));

  const IndicatorReport january = Day(f, absl::CivilDay(2027, 1, 5));
  CHECK(january.catalogue_version == 2);
  REQUIRE(Cell(january, "transfer_forwarded") != nullptr);
  CHECK(*Cell(january, "transfer_forwarded")->current.value == 1);
  REQUIRE(Cell(january, "transfer_forwarded")->current.details.size() == 1);
  CHECK(Cell(january, "transfer_forwarded")->current.details[0].first == "53");
  CHECK(*Cell(january, "transfer_received")->current.value == 1);
  CHECK(*Cell(january, "transfer_remote_updates")->current.value == 1);
  CHECK(*Cell(january, "transfer_manual_dispatch")->current.value == 0);
  CHECK(*Cell(january, "transferred_out")->current.value == 1);
  CHECK(*Cell(january, "transferred_in")->current.value == 1);

  const IndicatorReport december = Day(f, absl::CivilDay(2026, 12, 1));
  CHECK(december.catalogue_version == 1);
  CHECK(Cell(december, "transfer_forwarded") == nullptr);
  CHECK(december.definitions.size() + 4 == january.definitions.size());
}

}  // namespace
}  // namespace hotline::reporting
