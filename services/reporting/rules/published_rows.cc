#include "services/reporting/rules/published_rows.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace hotline::reporting {
namespace {

// The count a figure rests on: the number of tickets that could be told apart.
int64_t BaseCount(IndicatorKind kind, const Figure& f) {
  switch (kind) {
    case IndicatorKind::kCount:
    case IndicatorKind::kStock:
    case IndicatorKind::kPercentile:
      return f.numerator;
    case IndicatorKind::kRatio:
    case IndicatorKind::kAverage:
      return f.denominator;
  }
  return f.numerator;
}

std::string Field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

}  // namespace

PublishedRow Publish(std::string section, std::string key, const IndicatorDef& def,
                     const Figure& figure, int threshold) {
  PublishedRow row;
  row.section = std::move(section);
  row.key = std::move(key);
  row.code = def.code;
  row.kind = def.kind;
  const int64_t base = BaseCount(def.kind, figure);
  if (base > 0 && base < threshold) {
    row.suppressed = true;
    return row;
  }
  row.numerator = figure.numerator;
  row.denominator = figure.denominator;
  row.value = figure.value;
  return row;
}

std::string PublishedCsv(const std::vector<PublishedRow>& rows) {
  std::string csv = "section,key,indicator,numerator,denominator,value,suppressed\n";
  for (const PublishedRow& r : rows) {
    absl::StrAppend(&csv, Field(r.section), ",", Field(r.key), ",", Field(r.code), ",", r.numerator,
                    ",", r.denominator, ",", r.value ? absl::StrFormat("%.10g", *r.value) : "", ",",
                    r.suppressed ? "true" : "false", "\n");
  }
  return csv;
}

}  // namespace hotline::reporting
