#include "services/reporting/api/minor_report_messages.h"

#include "libs/common/proto_time.h"

namespace hotline::reporting {
namespace {

namespace v1 = hotline::reporting::v1;

void FillPublished(const PublishedRow& row, v1::IndicatorValue& v) {
  v.set_code(row.code);
  v.set_kind(static_cast<v1::IndicatorKind>(row.kind));
  v.set_numerator(row.numerator);
  v.set_denominator(row.denominator);
  v.set_defined(row.value.has_value());
  if (row.value) v.set_value(*row.value);
  v.set_suppressed(row.suppressed);
}

}  // namespace

void FillMinorReport(const MinorReport& report, v1::MonthlyMinorProtectionReportResponse& out) {
  out.set_catalogue_version(report.catalogue_version);
  out.set_month(absl::FormatCivilTime(absl::CivilMonth(report.month_start)));
  out.set_region_prefix(report.region_prefix);
  out.set_suppression_threshold(report.suppression_threshold);
  for (const PublishedRow& row : report.rows) {
    v1::IndicatorRow& r = *out.add_rows();
    r.add_key(row.section);
    r.add_key(row.key);
    FillPublished(row, *r.add_values());
  }
  if (report.frozen_at) *out.mutable_frozen_at() = ToTimestamp(*report.frozen_at);
  out.set_digest(report.digest);
}

void FillCorrections(const ReportCorrections& corrections, v1::ListReportCorrectionsResponse& out) {
  const MinorReport& reported = corrections.reported;
  out.set_catalogue_version(reported.catalogue_version);
  out.set_month(absl::FormatCivilTime(absl::CivilMonth(reported.month_start)));
  out.set_region_prefix(reported.region_prefix);
  out.set_suppression_threshold(reported.suppression_threshold);
  if (reported.frozen_at) *out.mutable_frozen_at() = ToTimestamp(*reported.frozen_at);
  out.set_digest(reported.digest);
  for (const CorrectionRow& row : corrections.rows) {
    v1::CorrectionRow& r = *out.add_rows();
    r.add_key(row.reported.section);
    r.add_key(row.reported.key);
    r.set_code(row.reported.code);
    r.set_kind(static_cast<v1::IndicatorKind>(row.reported.kind));
    FillPublished(row.reported, *r.mutable_reported());
    FillPublished(row.restated, *r.mutable_restated());
    r.set_numerator_delta(row.numerator_delta);
    r.set_denominator_delta(row.denominator_delta);
    r.set_value_delta_defined(row.value_delta.has_value());
    if (row.value_delta) r.set_value_delta(*row.value_delta);
    r.set_suppressed(row.suppressed);
  }
}

}  // namespace hotline::reporting
