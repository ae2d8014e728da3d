// Catalogue versions 2 and 3 on real PostgreSQL: from 2027 the indicators count provincial
// transfer's own events, from February 2027 the response rate (响应率); periods before keep the
// version of their last day and its figures.
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

TEST_CASE("From February 2027 the catalogue has the response rate, by its limits") {
  Fixture f;
  namespace common = hotline::common::v1;
  // In time (23 h), late (25 h), urgent and late (3 h), 12349 and in time (90 min); a second
  // contact of the first ticket's assignment never comes as an event (routing reports the first).
  struct Case {
    int64_t ticket;
    absl::Duration after;
    int urgency;
    int line;
  };
  const Case cases[] = {{21, absl::Hours(23), common::URGENCY_NORMAL, common::SOURCE_LINE_12345},
                        {22, absl::Hours(25), common::URGENCY_NORMAL, common::SOURCE_LINE_12345},
                        {23, absl::Hours(3), common::URGENCY_URGENT, common::SOURCE_LINE_12345},
                        {24, absl::Minutes(90), common::URGENCY_NORMAL, common::SOURCE_LINE_12349}};
  for (const Case& c : cases) {
    EventScript s(c.ticket, At(2027, 2, 2, 8, 0));
    f.Apply(s.Created("530102", "education/fees", false, 1, c.line));
    f.Apply(s.Dispatched("530102-education", c.ticket * 10));
    s.Advance(c.after);
    f.Apply(s.CallerContacted("530102-education", c.ticket * 10, c.after, c.urgency));
  }

  IndicatorQuery q;
  q.from = absl::CivilDay(2027, 2, 1);
  q.to = absl::CivilDay(2027, 2, 28);
  absl::StatusOr<IndicatorReport> february = f.queries.Get(q);
  REQUIRE(february.ok());
  CHECK(february->catalogue_version == 3);
  const IndicatorCell* response = Cell(*february, "response_rate");
  REQUIRE(response != nullptr);
  CHECK(response->current.numerator == 2);
  CHECK(response->current.denominator == 4);
  CHECK(*response->current.value == 0.5);

  const IndicatorReport january = Day(f, absl::CivilDay(2027, 1, 31));
  CHECK(january.catalogue_version == 2);
  CHECK(Cell(january, "response_rate") == nullptr);
}

}  // namespace
}  // namespace hotline::reporting
