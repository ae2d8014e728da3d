// The monthly minor-protection figures: late corrections applied to the frozen report, the
// content digest a revision is keyed by, and the province's total over its prefectures.
#include "services/provincial-transfer/rules/minor_figures.h"

#include <catch2/catch.hpp>

namespace hotline::transfer {
namespace {

namespace rpb = reporting::v1;

rpb::IndicatorValue Count(const std::string& code, int64_t n) {
  rpb::IndicatorValue v;
  v.set_code(code);
  v.set_kind(rpb::INDICATOR_KIND_COUNT);
  v.set_numerator(n);
  v.set_value(static_cast<double>(n));
  v.set_defined(true);
  return v;
}

rpb::IndicatorValue Ratio(const std::string& code, int64_t num, int64_t den) {
  rpb::IndicatorValue v;
  v.set_code(code);
  v.set_kind(rpb::INDICATOR_KIND_RATIO);
  v.set_numerator(num);
  v.set_denominator(den);
  v.set_value(den > 0 ? static_cast<double>(num) / den : 0);
  v.set_defined(den > 0);
  return v;
}

rpb::IndicatorValue Withheld(const std::string& code, rpb::IndicatorKind kind) {
  rpb::IndicatorValue v;
  v.set_code(code);
  v.set_kind(kind);
  v.set_suppressed(true);
  return v;
}

rpb::IndicatorRow Row(const std::string& section, const std::string& value,
                      std::vector<rpb::IndicatorValue> values) {
  rpb::IndicatorRow row;
  row.add_key(section);
  row.add_key(value);
  for (auto& v : values) *row.add_values() = v;
  return row;
}

v1::MinorMonthFigures Month(const std::string& prefecture, std::vector<rpb::IndicatorRow> rows) {
  v1::MinorMonthFigures f;
  f.set_prefecture_code(prefecture);
  f.set_month("2026-11");
  f.set_suppression_threshold(5);
  for (auto& r : rows) *f.add_rows() = r;
  return f;
}

const rpb::IndicatorValue* Find(const std::vector<rpb::IndicatorRow>& rows,
                                const std::string& section, const std::string& value,
                                const std::string& code) {
  for (const auto& row : rows) {
    if (row.key(0) != section || row.key(1) != value) continue;
    for (const auto& v : row.values()) {
      if (v.code() == code) return &v;
    }
  }
  return nullptr;
}

TEST_CASE("The province's total sums counts and recomputes ratios from their parts",
          "[minor_figures]") {
  const v1::MinorMonthFigures kunming =
      Month("5301", {Row("total", "", {Count("received", 40), Ratio("satisfaction_rate", 30, 40)}),
                     Row("line", "3", {Count("received", 12)})});
  const v1::MinorMonthFigures qujing =
      Month("5303", {Row("total", "", {Count("received", 10), Ratio("satisfaction_rate", 5, 10)}),
                     Row("category", "minor-protection/abuse", {Count("received", 7)})});
  const std::vector<rpb::IndicatorRow> total = ProvinceMinorTotal({&kunming, &qujing});

  const rpb::IndicatorValue* received = Find(total, "total", "", "received");
  REQUIRE(received != nullptr);
  CHECK(received->numerator() == 50);
  CHECK(received->value() == 50);
  CHECK(received->defined());
  const rpb::IndicatorValue* satisfaction = Find(total, "total", "", "satisfaction_rate");
  REQUIRE(satisfaction != nullptr);
  CHECK(satisfaction->numerator() == 35);
  CHECK(satisfaction->denominator() == 50);
  CHECK(satisfaction->value() == Approx(0.7));  // not the mean of 0.75 and 0.5
  // Groups only one prefecture has are carried over, in the order first seen.
  REQUIRE(total.size() == 3);
  CHECK(total[1].key(0) == "line");
  CHECK(total[2].key(1) == "minor-protection/abuse");
  CHECK(Find(total, "line", "3", "received")->numerator() == 12);
}

TEST_CASE("An average is weighted by its denominators, in its own unit", "[minor_figures]") {
  // Hours from seconds: 36000 s over 4 tickets is 2.5 h; 7200 s over 1 ticket is 2 h.
  auto hours = [](int64_t seconds, int64_t tickets) {
    rpb::IndicatorValue v;
    v.set_code("handling_hours_avg");
    v.set_kind(rpb::INDICATOR_KIND_AVERAGE);
    v.set_numerator(seconds);
    v.set_denominator(tickets);
    v.set_value(static_cast<double>(seconds) / 3600.0 / static_cast<double>(tickets));
    v.set_defined(true);
    return v;
  };
  const v1::MinorMonthFigures kunming = Month("5301", {Row("total", "", {hours(36000, 4)})});
  const v1::MinorMonthFigures qujing = Month("5303", {Row("total", "", {hours(7200, 1)})});
  const std::vector<rpb::IndicatorRow> total = ProvinceMinorTotal({&kunming, &qujing});
  const rpb::IndicatorValue* avg = Find(total, "total", "", "handling_hours_avg");
  REQUIRE(avg != nullptr);
  CHECK(avg->defined());
  CHECK(avg->numerator() == 43200);
  CHECK(avg->denominator() == 5);
  CHECK(avg->value() == Approx(2.4));  // 43200 s over 5 tickets, in hours
}

TEST_CASE("A figure any prefecture withheld stays withheld in the total", "[minor_figures]") {
  const v1::MinorMonthFigures kunming = Month(
      "5301",
      {Row("total", "",
           {Count("received", 40), Withheld("emergency_referrals", rpb::INDICATOR_KIND_COUNT)})});
  const v1::MinorMonthFigures qujing = Month(
      "5303",
      {Row("total", "",
           {Withheld("received", rpb::INDICATOR_KIND_COUNT), Count("emergency_referrals", 9)})});
  const std::vector<rpb::IndicatorRow> total = ProvinceMinorTotal({&kunming, &qujing});
  for (const char* code : {"received", "emergency_referrals"}) {
    const rpb::IndicatorValue* v = Find(total, "total", "", code);
    REQUIRE(v != nullptr);
    CHECK(v->suppressed());
    // Nothing of the other prefecture's count shows either: the difference would tell.
    CHECK(v->numerator() == 0);
    CHECK(v->value() == 0);
  }
}

TEST_CASE("A percentile is not summed, a ratio over nothing is undefined", "[minor_figures]") {
  rpb::IndicatorValue p90;
  p90.set_code("handling_hours_p90");
  p90.set_kind(rpb::INDICATOR_KIND_PERCENTILE);
  p90.set_numerator(30);
  p90.set_value(12.5);
  p90.set_defined(true);
  const v1::MinorMonthFigures kunming =
      Month("5301", {Row("total", "", {p90, Ratio("follow_up_rate", 0, 0)})});
  const std::vector<rpb::IndicatorRow> total = ProvinceMinorTotal({&kunming});
  CHECK_FALSE(Find(total, "total", "", "handling_hours_p90")->defined());
  CHECK(Find(total, "total", "", "handling_hours_p90")->value() == 0);
  CHECK_FALSE(Find(total, "total", "", "follow_up_rate")->defined());
  CHECK(ProvinceMinorTotal({}).empty());
}

TEST_CASE("Late corrections restate figures of the frozen report and add new groups",
          "[minor_figures]") {
  v1::MinorMonthFigures figures =
      Month("5301", {Row("total", "", {Count("received", 40), Count("closed", 30)})});
  google::protobuf::RepeatedPtrField<rpb::CorrectionRow> corrections;
  rpb::CorrectionRow* restated = corrections.Add();
  restated->add_key("total");
  restated->add_key("");
  restated->set_code("closed");
  restated->set_kind(rpb::INDICATOR_KIND_COUNT);
  *restated->mutable_restated() = Count("closed", 32);
  rpb::CorrectionRow* added = corrections.Add();
  added->add_key("category");
  added->add_key("minor-protection/neglect");
  added->set_code("received");
  added->set_kind(rpb::INDICATOR_KIND_COUNT);
  *added->mutable_restated() = Count("received", 6);

  const std::string before = MinorFiguresDigest(figures);
  CHECK(ApplyCorrections(corrections, figures.mutable_rows()) == 2);
  const std::vector<rpb::IndicatorRow> rows(figures.rows().begin(), figures.rows().end());
  CHECK(Find(rows, "total", "", "closed")->numerator() == 32);
  CHECK(Find(rows, "total", "", "received")->numerator() == 40);
  CHECK(Find(rows, "category", "minor-protection/neglect", "received")->numerator() == 6);
  // Changed figures are a new revision; the same figures the same digest.
  CHECK(MinorFiguresDigest(figures) != before);
  v1::MinorMonthFigures copy = figures;
  CHECK(MinorFiguresDigest(copy) == MinorFiguresDigest(figures));
  CHECK(MinorFiguresDigest(figures).size() == 64);
}

TEST_CASE("The prefectures that have not reported, in the expected order", "[minor_figures]") {
  CHECK(NotReported({"5301", "5303", "5304"}, {"5303"}) ==
        std::vector<std::string>{"5301", "5304"});
  CHECK(NotReported({"5301"}, {"5301"}).empty());
}

}  // namespace
}  // namespace hotline::transfer
