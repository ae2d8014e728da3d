#include "services/reporting/api/report_csv.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace hotline::reporting {
namespace {

constexpr const char* kDimensionNames[] = {"",         "province", "prefecture", "county",
                                           "township", "village",  "unit",       "category",
                                           "kind",     "channel",  "line",       "minor"};

std::string Field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

std::string Number(const std::optional<double>& value) {
  return value ? absl::StrFormat("%.10g", *value) : "";
}

}  // namespace

std::string IndicatorsCsv(const IndicatorReport& report, const std::vector<GroupBy>& group_by) {
  const bool previous = report.previous_from.has_value();
  std::string csv;
  for (GroupBy d : group_by) absl::StrAppend(&csv, kDimensionNames[static_cast<int>(d)], ",");
  absl::StrAppend(&csv, "indicator,numerator,denominator,value");
  if (previous) absl::StrAppend(&csv, ",previous_numerator,previous_denominator,previous_value");
  csv += "\n";
  for (const ReportRow& row : report.rows) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      for (const std::string& k : row.key) absl::StrAppend(&csv, Field(k), ",");
      const Figure& f = row.cells[i].current;
      absl::StrAppend(&csv, Field(report.definitions[i].code), ",", f.numerator, ",", f.denominator,
                      ",", Number(f.value));
      if (previous && row.cells[i].previous) {
        const Figure& p = *row.cells[i].previous;
        absl::StrAppend(&csv, ",", p.numerator, ",", p.denominator, ",", Number(p.value));
      }
      csv += "\n";
    }
  }
  return csv;
}

std::string RankingCsv(const Ranking& ranking) {
  std::string csv = "rank,unit,score,indicator,weight,numerator,denominator,value\n";
  for (const RankedUnit& unit : ranking.entries) {
    for (size_t i = 0; i < unit.parts.size(); ++i) {
      const Figure& f = unit.parts[i];
      absl::StrAppend(&csv, unit.rank, ",", Field(unit.unit_id), ",", Number(unit.score), ",",
                      Field(ranking.parts[i].code), ",", Number(ranking.weights[i].weight), ",",
                      f.numerator, ",", f.denominator, ",", Number(f.value), "\n");
    }
  }
  return csv;
}

std::string HotTopicsCsv(const HotTopicsReport& hot) {
  std::string csv = "dimension,value,count,previous_count,rise\n";
  for (const HotTopicList& list : hot.lists) {
    for (const TopicVolume& t : list.topics) {
      absl::StrAppend(&csv, kDimensionNames[static_cast<int>(list.dimension)], ",", Field(t.value),
                      ",", t.count, ",", t.previous_count, ",", t.count - t.previous_count, "\n");
    }
  }
  return csv;
}

}  // namespace hotline::reporting
