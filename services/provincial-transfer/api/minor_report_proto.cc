#include "services/provincial-transfer/api/minor_report_proto.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "libs/common/proto_time.h"

namespace hotline::transfer {
namespace {

namespace rpb = reporting::v1;

constexpr char kHeader[] =
    "prefecture,revision,received_at,section,key,indicator,kind,numerator,denominator,value,"
    "defined,suppressed\n";

std::string Cell(absl::string_view text) {
  if (text.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(text);
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

std::string KindName(rpb::IndicatorKind kind) {
  switch (kind) {
    case rpb::INDICATOR_KIND_COUNT:
      return "count";
    case rpb::INDICATOR_KIND_RATIO:
      return "ratio";
    case rpb::INDICATOR_KIND_AVERAGE:
      return "average";
    case rpb::INDICATOR_KIND_PERCENTILE:
      return "percentile";
    case rpb::INDICATOR_KIND_STOCK:
      return "stock";
    default:
      return "";
  }
}

void AppendRows(const std::string& lead,
                const google::protobuf::RepeatedPtrField<rpb::IndicatorRow>& rows,
                std::string* csv) {
  for (const rpb::IndicatorRow& row : rows) {
    const std::string section = row.key_size() > 0 ? row.key(0) : "";
    const std::string key = row.key_size() > 1 ? row.key(1) : "";
    for (const rpb::IndicatorValue& v : row.values()) {
      absl::StrAppend(csv, lead, Cell(section), ",", Cell(key), ",", Cell(v.code()), ",",
                      KindName(v.kind()), ",");
      if (v.suppressed()) {
        absl::StrAppend(csv, ",,,false,true\n");
        continue;
      }
      absl::StrAppend(csv, v.numerator(), ",", v.denominator(), ",",
                      v.defined() ? absl::StrFormat("%.6g", v.value()) : "", ",",
                      v.defined() ? "true" : "false", ",false\n");
    }
  }
}

}  // namespace

v1::GetProvincialMinorReportResponse MinorReportToProto(const ProvincialMinorReport& report) {
  v1::GetProvincialMinorReportResponse out;
  out.set_month(report.month);
  for (const PrefectureMinorMonth& month : report.prefectures) {
    v1::PrefectureMinorMonth* row = out.add_prefectures();
    row->set_prefecture_code(month.figures.prefecture_code());
    row->set_revision(month.revision);
    *row->mutable_received_at() = ToTimestamp(month.received_at);
    *row->mutable_figures() = month.figures;
  }
  for (const rpb::IndicatorRow& row : report.province_total) *out.add_province_total() = row;
  for (const std::string& code : report.not_reported) out.add_not_reported(code);
  return out;
}

std::string MinorReportCsv(const v1::GetProvincialMinorReportResponse& report) {
  std::string csv = kHeader;
  for (const v1::PrefectureMinorMonth& month : report.prefectures()) {
    const std::string received = absl::FormatTime(
        "%Y-%m-%dT%H:%M:%S%Ez", FromTimestamp(month.received_at()), absl::FixedTimeZone(8 * 3600));
    AppendRows(
        absl::StrCat(Cell(month.prefecture_code()), ",", month.revision(), ",", received, ","),
        month.figures().rows(), &csv);
  }
  AppendRows("total,,,", report.province_total(), &csv);
  for (const std::string& code : report.not_reported()) {
    absl::StrAppend(&csv, Cell(code), ",,,not_reported,,,,,,,,\n");
  }
  return csv;
}

}  // namespace hotline::transfer
