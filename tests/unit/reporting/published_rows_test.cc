// What leaves the suite in a published report: small counts withheld, and the CSV form the
// digest is computed over.
#include "services/reporting/rules/published_rows.h"

#include <catch2/catch.hpp>

namespace hotline::reporting {
namespace {

IndicatorDef Def(std::string code, IndicatorKind kind) {
  IndicatorDef d;
  d.code = std::move(code);
  d.kind = kind;
  return d;
}

Figure Counted(int64_t n) { return {n, 0, static_cast<double>(n), {}}; }
Figure Ratio(int64_t num, int64_t den) {
  return {num, den, den == 0 ? std::nullopt : std::optional<double>(double(num) / den), {}};
}

TEST_CASE("Counts from 1 to below the threshold are withheld, zero and larger ones shown") {
  const IndicatorDef received = Def("received", IndicatorKind::kCount);
  CHECK_FALSE(Publish("total", "", received, Counted(0), 5).suppressed);
  CHECK(Publish("total", "", received, Counted(0), 5).value == 0);
  const PublishedRow small = Publish("kind", "3", received, Counted(4), 5);
  CHECK(small.suppressed);
  CHECK(small.numerator == 0);
  CHECK_FALSE(small.value.has_value());
  CHECK(small.section == "kind");
  CHECK(small.key == "3");
  CHECK_FALSE(Publish("total", "", received, Counted(5), 5).suppressed);
  CHECK_FALSE(Publish("total", "", received, Counted(1), 1).suppressed);
  CHECK_FALSE(Publish("total", "", received, Counted(1), 0).suppressed);
}

TEST_CASE("A ratio over a small count is withheld, whatever its numerator") {
  const IndicatorDef rate = Def("satisfaction_rate", IndicatorKind::kRatio);
  CHECK(Publish("total", "", rate, Ratio(0, 3), 5).suppressed);
  CHECK_FALSE(Publish("total", "", rate, Ratio(2, 8), 5).suppressed);
  CHECK_FALSE(Publish("total", "", rate, Ratio(0, 0), 5).suppressed);
  const IndicatorDef p90 = Def("handling_hours_p90", IndicatorKind::kPercentile);
  CHECK(Publish("total", "", p90, {2, 0, 3.5, {}}, 5).suppressed);
  const IndicatorDef open = Def("open_at_end", IndicatorKind::kStock);
  CHECK(Publish("total", "", open, Counted(2), 5).suppressed);
}

TEST_CASE("The CSV form: a header, quoted fields, empty values when undefined or withheld") {
  std::vector<PublishedRow> rows = {
      Publish("total", "", Def("received", IndicatorKind::kCount), Counted(12), 5),
      Publish("total", "", Def("satisfaction_rate", IndicatorKind::kRatio), Ratio(3, 4), 2),
      Publish("total", "", Def("follow_up_rate", IndicatorKind::kRatio), Ratio(0, 0), 5),
      Publish("category", "a,\"b\"", Def("received", IndicatorKind::kCount), Counted(3), 5),
  };
  CHECK(PublishedCsv(rows) ==
        "section,key,indicator,numerator,denominator,value,suppressed\n"
        "total,,received,12,0,12,false\n"
        "total,,satisfaction_rate,3,4,0.75,false\n"
        "total,,follow_up_rate,0,0,,false\n"
        "category,\"a,\"\"b\"\"\",received,0,0,,true\n");
}

}  // namespace
}  // namespace hotline::reporting
