// Corrections against a frozen report on real PostgreSQL: late events restate the live figures,
// the frozen snapshot reproduces byte for byte, and the corrections list the deltas.
#include <catch2/catch.hpp>

#include "libs/service/token_auth.h"
#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

const CorrectionRow* Find(const std::vector<CorrectionRow>& rows, const std::string& section,
                          const std::string& key, const std::string& code) {
  for (const CorrectionRow& row : rows) {
    if (row.reported.section == section && row.reported.key == key && row.reported.code == code) {
      return &row;
    }
  }
  return nullptr;
}

TEST_CASE("Late events after a freeze are corrections against the frozen report") {
  Fixture f;
  f.Script();
  PgFrozenReportStore frozen;
  FakeClock january(At(2027, 1, 5, 9, 0));
  MinorReports reports(f.transactions, f.queries, frozen, january, Shanghai(),
                       /*suppression_threshold=*/0);
  const MinorReportQuery december{absl::CivilDay(2026, 12, 1), "53"};
  CHECK(reports.Corrections(december).status().code() ==
        absl::StatusCode::kFailedPrecondition);  // nothing frozen yet

  absl::StatusOr<MinorReport> handed_over = reports.Get(december);
  REQUIRE(handed_over.ok());
  absl::StatusOr<ReportCorrections> none = reports.Corrections(december);
  REQUIRE(none.ok());
  CHECK(none->rows.empty());
  CHECK(none->reported.digest == handed_over->digest);

  // Applied in January: a December ticket the consumer had not seen, and the child's ticket
  // (t3) replied and closed on the month's last evening.
  EventScript late(6, At(2026, 12, 31, 22, 0));
  f.Apply(late.Created("530102", "minor-protection/neglect", true));
  EventScript t3(3, At(2026, 12, 31, 21, 0));
  t3.ContinueAfter(9);  // Script()'s nine events of t3
  f.Apply(t3.Replied("unit-b"));
  f.Apply(t3.State(kInProgress, kReplied));
  f.Apply(t3.State(kReplied, kClosed));

  absl::StatusOr<MinorReport> again = reports.Get(december);
  REQUIRE(again.ok());
  CHECK(PublishedCsv(again->rows) == PublishedCsv(handed_over->rows));
  CHECK(again->digest == handed_over->digest);
  CHECK(service::Sha256Hex(PublishedCsv(again->rows)) == handed_over->digest);

  absl::StatusOr<ReportCorrections> corrections = reports.Corrections(december);
  REQUIRE(corrections.ok());
  CHECK(corrections->reported.digest == handed_over->digest);
  const CorrectionRow* received = Find(corrections->rows, "total", "", "received");
  REQUIRE(received != nullptr);
  CHECK(received->reported.numerator == 1);
  CHECK(received->restated.numerator == 2);
  CHECK(received->numerator_delta == 1);
  CHECK(received->value_delta == 1.0);
  const CorrectionRow* closed = Find(corrections->rows, "total", "", "closed");
  REQUIRE(closed != nullptr);
  CHECK(closed->numerator_delta == 1);
  // One more opened, one closed: the month still ends with one open, so no correction.
  CHECK(Find(corrections->rows, "total", "", "open_at_end") == nullptr);
  const CorrectionRow* hours = Find(corrections->rows, "total", "", "handling_hours_avg");
  REQUIRE(hours != nullptr);  // undefined then (no closing), defined now
  CHECK_FALSE(hours->reported.value.has_value());
  CHECK(hours->restated.value.has_value());
  CHECK_FALSE(hours->value_delta.has_value());
  // A group new since the freeze: reported as nothing.
  const CorrectionRow* neglect =
      Find(corrections->rows, "category", "minor-protection/neglect", "received");
  REQUIRE(neglect != nullptr);
  CHECK(neglect->reported.numerator == 0);
  CHECK(neglect->restated.numerator == 1);
  // What no late event touched is not listed.
  CHECK(Find(corrections->rows, "total", "", "emergency_referrals") == nullptr);
  CHECK(Find(corrections->rows, "category", "minor-protection/abuse", "received") == nullptr);
}

}  // namespace
}  // namespace hotline::reporting
