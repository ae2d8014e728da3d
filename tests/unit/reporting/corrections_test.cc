// The corrections of a frozen report: only the figures that changed, as deltas, withheld where
// either side was withheld.
#include "services/reporting/rules/corrections.h"

#include <catch2/catch.hpp>

namespace hotline::reporting {
namespace {

PublishedRow Count(const std::string& section, const std::string& key, int64_t n,
                   bool suppressed = false) {
  PublishedRow row{section, key, "received", IndicatorKind::kCount, n, 0, double(n), suppressed};
  if (suppressed) {
    row.numerator = 0;
    row.value.reset();
  }
  return row;
}

PublishedRow Ratio(int64_t num, int64_t den) {
  PublishedRow row{"total", "", "follow_up_rate", IndicatorKind::kRatio, num, den, std::nullopt};
  if (den > 0) row.value = double(num) / den;
  return row;
}

TEST_CASE("Nothing restated: no corrections") {
  const std::vector<PublishedRow> rows = {Count("total", "", 7), Ratio(3, 4)};
  CHECK(Corrections(rows, rows).empty());
}

TEST_CASE("A restated count and ratio are deltas against the report") {
  const std::vector<CorrectionRow> out =
      Corrections({Count("total", "", 7), Ratio(3, 4)}, {Count("total", "", 8), Ratio(4, 4)});
  REQUIRE(out.size() == 2);
  CHECK(out[0].reported.numerator == 7);
  CHECK(out[0].restated.numerator == 8);
  CHECK(out[0].numerator_delta == 1);
  CHECK(out[0].value_delta == 1.0);
  CHECK(out[1].numerator_delta == 1);
  CHECK(out[1].denominator_delta == 0);
  CHECK(*out[1].value_delta == Approx(0.25));
  CHECK_FALSE(out[1].suppressed);
}

TEST_CASE("A ratio that becomes defined has no value delta") {
  const std::vector<CorrectionRow> out = Corrections({Ratio(0, 0)}, {Ratio(1, 1)});
  REQUIRE(out.size() == 1);
  CHECK(out[0].denominator_delta == 1);
  CHECK_FALSE(out[0].value_delta.has_value());
}

TEST_CASE("Groups new since the report, and groups gone, are against nothing") {
  const std::vector<CorrectionRow> out =
      Corrections({Count("category", "a", 6), Count("category", "b", 9)},
                  {Count("category", "b", 9), Count("category", "c", 5)});
  REQUIRE(out.size() == 2);
  CHECK(out[0].reported.key == "a");  // the report's order first
  CHECK(out[0].restated.numerator == 0);
  CHECK(out[0].numerator_delta == -6);
  CHECK(out[1].reported.key == "c");
  CHECK(out[1].reported.numerator == 0);
  CHECK(out[1].numerator_delta == 5);
}

TEST_CASE("A withheld side withholds the delta, and withheld both times is no correction") {
  const std::vector<CorrectionRow> out =
      Corrections({Count("kind", "1", 0, true), Count("kind", "2", 0, true)},
                  {Count("kind", "1", 6), Count("kind", "2", 0, true)});
  REQUIRE(out.size() == 1);
  CHECK(out[0].reported.key == "1");
  CHECK(out[0].suppressed);
  CHECK(out[0].numerator_delta == 0);
  CHECK_FALSE(out[0].value_delta.has_value());
}

}  // namespace
}  // namespace hotline::reporting
