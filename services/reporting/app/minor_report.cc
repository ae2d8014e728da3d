#include "services/reporting/app/minor_report.h"

#include <utility>

#include "libs/service/token_auth.h"

namespace hotline::reporting {
namespace {

// The totals of the report, in this order.
const std::vector<std::string>& TotalCodes() {
  static const auto* codes = new std::vector<std::string>{"received",
                                                          "accepted",
                                                          "not_accepted",
                                                          "emergency_referrals",
                                                          "emergency_child_chain",
                                                          "dispatched",
                                                          "closed",
                                                          "signed_on_time_rate",
                                                          "completed_on_time_rate",
                                                          "overdue",
                                                          "follow_up_rate",
                                                          "satisfaction_rate",
                                                          "resolved_rate",
                                                          "handling_hours_avg",
                                                          "handling_hours_p90",
                                                          "open_at_end"};
  return *codes;
}

// The sections broken down by one dimension, each with the volume.
constexpr std::pair<const char*, GroupBy> kBreakdowns[] = {{"kind", GroupBy::kKind},
                                                           {"category", GroupBy::kCategory},
                                                           {"channel", GroupBy::kChannel},
                                                           {"line", GroupBy::kLine}};

MinorReport FromFrozen(FrozenReport f) {
  MinorReport r;
  r.catalogue_version = f.catalogue_version;
  r.month_start = f.period_start;
  r.region_prefix = std::move(f.region_prefix);
  r.suppression_threshold = f.suppression_threshold;
  r.rows = std::move(f.rows);
  r.frozen_at = f.frozen_at;
  r.digest = std::move(f.digest);
  return r;
}

}  // namespace

absl::StatusOr<MinorReport> MinorReports::Compute(const MinorReportQuery& q, int threshold) {
  IndicatorQuery base;
  base.from = q.month_start;
  base.to = absl::CivilDay(absl::CivilMonth(q.month_start) + 1) - 1;
  base.filter.region_prefix = q.region_prefix;
  base.filter.minors_only = true;

  MinorReport report;
  report.month_start = q.month_start;
  report.region_prefix = q.region_prefix;
  report.suppression_threshold = threshold;

  IndicatorQuery totals = base;
  totals.indicators = TotalCodes();
  absl::StatusOr<IndicatorReport> total = indicators_.Get(totals);
  if (!total.ok()) return total.status();
  report.catalogue_version = total->catalogue_version;
  for (size_t i = 0; i < total->definitions.size(); ++i) {
    // No row at all: nothing happened, and each figure is what empty sums give.
    const Figure figure = total->rows.empty() ? ComputeFigure(total->definitions[i], {}, {})
                                              : total->rows[0].cells[i].current;
    report.rows.push_back(Publish("total", "", total->definitions[i], figure, threshold));
  }
  for (const auto& [section, dimension] : kBreakdowns) {
    IndicatorQuery by = base;
    by.indicators = {"received"};
    by.group_by = {dimension};
    absl::StatusOr<IndicatorReport> part = indicators_.Get(by);
    if (!part.ok()) return part.status();
    for (const ReportRow& row : part->rows) {
      if (row.cells[0].current.numerator == 0) continue;  // a group seen only in other counters
      report.rows.push_back(
          Publish(section, row.key[0], part->definitions[0], row.cells[0].current, threshold));
    }
  }
  report.digest = service::Sha256Hex(PublishedCsv(report.rows));
  return report;
}

absl::StatusOr<std::optional<FrozenReport>> MinorReports::LoadFrozen(const MinorReportQuery& q) {
  return transactions_.RunFor<std::optional<FrozenReport>>(
      [&](Transaction& tx) -> absl::StatusOr<std::optional<FrozenReport>> {
        return frozen_.Load(tx, kMinorsMonthly, q.month_start, q.region_prefix);
      });
}

absl::StatusOr<MinorReport> MinorReports::Get(const MinorReportQuery& q) {
  absl::StatusOr<std::optional<FrozenReport>> stored = LoadFrozen(q);
  if (!stored.ok()) return stored.status();
  if (*stored) return FromFrozen(**std::move(stored));

  absl::StatusOr<MinorReport> report = Compute(q, threshold_);
  if (!report.ok()) return report.status();
  const absl::CivilDay last_day = absl::CivilDay(absl::CivilMonth(q.month_start) + 1) - 1;
  const absl::Time now = clock_.Now();
  if (absl::ToCivilDay(now, zone_) <= last_day) return report;  // still open: live figures

  FrozenReport frozen{
      kMinorsMonthly, q.month_start, q.region_prefix, report->catalogue_version, threshold_,
      report->digest, now,           report->rows};
  absl::Status saved = transactions_.Run([&](Transaction& tx) {
    frozen_.FreezeOnce(tx, frozen);
    return absl::OkStatus();
  });
  if (!saved.ok()) return saved;
  // A concurrent request may have frozen it first: the stored one is the report.
  stored = LoadFrozen(q);
  if (!stored.ok()) return stored.status();
  if (!*stored) return absl::InternalError("the frozen report is missing after freezing");
  return FromFrozen(**std::move(stored));
}

absl::StatusOr<ReportCorrections> MinorReports::Corrections(const MinorReportQuery& q) {
  absl::StatusOr<std::optional<FrozenReport>> stored = LoadFrozen(q);
  if (!stored.ok()) return stored.status();
  if (!*stored) {
    return absl::FailedPreconditionError(
        "the month is not frozen: its figures are live (MonthlyMinorProtectionReport freezes a "
        "month once it has ended)");
  }
  ReportCorrections out{FromFrozen(**std::move(stored)), {}};
  absl::StatusOr<MinorReport> now = Compute(q, out.reported.suppression_threshold);
  if (!now.ok()) return now.status();
  out.rows = reporting::Corrections(out.reported.rows, now->rows);
  return out;
}

}  // namespace hotline::reporting
