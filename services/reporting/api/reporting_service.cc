#include "services/reporting/api/reporting_service.h"

#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/service/rpc_handler.h"
#include "services/reporting/api/access.h"
#include "services/reporting/api/minor_report_messages.h"
#include "services/reporting/api/report_csv.h"
#include "services/reporting/api/request_checks.h"

namespace hotline::reporting {
namespace {

using service::HandleRpc;
using service::Principal;

constexpr size_t kExportChunkBytes = 64 * 1024;

void FillFigure(const Figure& f, v1::IndicatorValue& out) {
  out.set_numerator(f.numerator);
  out.set_denominator(f.denominator);
  out.set_defined(f.value.has_value());
  if (f.value) out.set_value(*f.value);
  for (const auto& [detail, count] : f.details) {
    v1::DetailCount& d = *out.add_details();
    d.set_detail(detail);
    d.set_count(count);
  }
}

void FillPeriod(absl::CivilDay from, absl::CivilDay to, v1::Period& out) {
  out.set_from_date(absl::FormatCivilTime(from));
  out.set_to_date(absl::FormatCivilTime(to));
}

void FillReport(const IndicatorReport& report, v1::GetIndicatorsResponse& out) {
  out.set_catalogue_version(report.catalogue_version);
  FillPeriod(report.from, report.to, *out.mutable_period());
  if (report.previous_from) {
    FillPeriod(*report.previous_from, *report.previous_to, *out.mutable_previous_period());
  }
  for (const IndicatorDef& def : report.definitions) {
    v1::IndicatorDefinition& d = *out.add_definitions();
    d.set_code(def.code);
    d.set_name(def.name);
    d.set_kind(static_cast<v1::IndicatorKind>(def.kind));
    d.set_formula(def.formula);
    d.set_time_base(def.time_base);
    d.set_unit(def.unit);
  }
  for (const ReportRow& row : report.rows) {
    v1::IndicatorRow& r = *out.add_rows();
    for (const std::string& k : row.key) r.add_key(k);
    for (size_t i = 0; i < row.cells.size(); ++i) {
      v1::IndicatorValue& v = *r.add_values();
      v.set_code(report.definitions[i].code);
      v.set_kind(static_cast<v1::IndicatorKind>(report.definitions[i].kind));
      FillFigure(row.cells[i].current, v);
      if (const std::optional<Figure>& p = row.cells[i].previous; p) {
        v.set_previous_numerator(p->numerator);
        v.set_previous_denominator(p->denominator);
        v.set_previous_defined(p->value.has_value());
        if (p->value) v.set_previous_value(*p->value);
      }
    }
  }
}

void FillRanking(const Ranking& ranking, v1::GetRankingResponse& out) {
  out.set_catalogue_version(ranking.catalogue_version);
  for (const ScoreWeight& w : ranking.weights) {
    v1::ScoreWeight& weight = *out.add_weights();
    weight.set_indicator(w.indicator);
    weight.set_weight(w.weight);
  }
  for (const RankedUnit& unit : ranking.entries) {
    v1::RankingEntry& entry = *out.add_entries();
    entry.set_rank(unit.rank);
    entry.set_unit_id(unit.unit_id);
    entry.set_score(unit.score);
    for (size_t i = 0; i < unit.parts.size(); ++i) {
      v1::IndicatorValue& part = *entry.add_parts();
      part.set_code(ranking.parts[i].code);
      part.set_kind(static_cast<v1::IndicatorKind>(ranking.parts[i].kind));
      FillFigure(unit.parts[i], part);
    }
  }
}

void FillHotTopics(const HotTopicsReport& hot, v1::HotTopicsResponse& out) {
  out.set_catalogue_version(hot.catalogue_version);
  for (const HotTopicList& list : hot.lists) {
    for (const TopicVolume& t : list.topics) {
      v1::HotTopic& topic = *out.add_topics();
      topic.set_dimension(static_cast<v1::Dimension>(list.dimension));
      topic.set_value(t.value);
      topic.set_count(t.count);
      topic.set_previous_count(t.previous_count);
      topic.set_rise(static_cast<double>(t.count - t.previous_count));
    }
  }
}

}  // namespace

// The read RPCs' one path (the role was checked before): the request's checks, the caller's
// jurisdiction, the query.
template <typename Query, typename Result, typename Response>
grpc::Status ReportingService::Serve(Context* context, absl::StatusOr<Query> query,
                                     absl::FunctionRef<absl::StatusOr<Result>(const Query&)> run,
                                     void (*fill)(const Result&, Response&), Response* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (!query.ok()) return query.status();
    if (absl::Status s = ScopeFilter(caller, query->filter); !s.ok()) return s;
    absl::StatusOr<Result> result = run(*query);
    if (!result.ok()) return result.status();
    fill(*result, *response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingService::GetIndicators(Context* context,
                                             const v1::GetIndicatorsRequest* request,
                                             v1::GetIndicatorsResponse* response) {
  return Serve<IndicatorQuery, IndicatorReport>(
      context, ToIndicatorQuery(*request),
      [&](const IndicatorQuery& q) { return indicators_.Get(q); }, &FillReport, response);
}

grpc::Status ReportingService::GetRanking(Context* context, const v1::GetRankingRequest* request,
                                          v1::GetRankingResponse* response) {
  return Serve<RankingQuery, Ranking>(
      context, ToRankingQuery(*request), [&](const RankingQuery& q) { return rankings_.Rank(q); },
      &FillRanking, response);
}

grpc::Status ReportingService::HotTopics(Context* context, const v1::HotTopicsRequest* request,
                                         v1::HotTopicsResponse* response) {
  return Serve<HotTopicsQuery, HotTopicsReport>(
      context, ToHotTopicsQuery(*request),
      [&](const HotTopicsQuery& q) { return rankings_.HotTopics(q); }, &FillHotTopics, response);
}

grpc::Status ReportingService::ExportReport(Context* context,
                                            const v1::ExportReportRequest* request,
                                            grpc::ServerWriter<v1::ExportReportChunk>* writer) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<std::string> csv;
    switch (request->report_case()) {
      case v1::ExportReportRequest::kIndicators:
        csv = IndicatorsCsvFor(caller, request->indicators());
        break;
      case v1::ExportReportRequest::kMinors:
        csv = MinorsCsvFor(caller, request->minors());
        break;
      case v1::ExportReportRequest::kRanking:
        csv = RankingCsvFor(caller, request->ranking());
        break;
      case v1::ExportReportRequest::kHotTopics:
        csv = HotTopicsCsvFor(caller, request->hot_topics());
        break;
      case v1::ExportReportRequest::REPORT_NOT_SET:
        return InvalidFields({{"report", "is required"}});
    }
    if (!csv.ok()) return csv.status();
    for (size_t at = 0; at < csv->size(); at += kExportChunkBytes) {
      v1::ExportReportChunk chunk;
      chunk.set_csv(csv->substr(at, kExportChunkBytes));
      if (!writer->Write(chunk)) return absl::CancelledError("the client went away");
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::string> ReportingService::IndicatorsCsvFor(
    const Principal& caller, const v1::GetIndicatorsRequest& request) {
  absl::StatusOr<IndicatorQuery> query = ToIndicatorQuery(request);
  if (!query.ok()) return query.status();
  if (absl::Status s = ScopeFilter(caller, query->filter); !s.ok()) return s;
  absl::StatusOr<IndicatorReport> report = indicators_.Get(*query);
  if (!report.ok()) return report.status();
  return IndicatorsCsv(*report, query->group_by);
}

absl::StatusOr<std::string> ReportingService::RankingCsvFor(const Principal& caller,
                                                            const v1::GetRankingRequest& request) {
  absl::StatusOr<RankingQuery> query = ToRankingQuery(request);
  if (!query.ok()) return query.status();
  if (absl::Status s = ScopeFilter(caller, query->filter); !s.ok()) return s;
  absl::StatusOr<Ranking> ranking = rankings_.Rank(*query);
  if (!ranking.ok()) return ranking.status();
  return RankingCsv(*ranking);
}

absl::StatusOr<std::string> ReportingService::HotTopicsCsvFor(const Principal& caller,
                                                              const v1::HotTopicsRequest& request) {
  absl::StatusOr<HotTopicsQuery> query = ToHotTopicsQuery(request);
  if (!query.ok()) return query.status();
  if (absl::Status s = ScopeFilter(caller, query->filter); !s.ok()) return s;
  absl::StatusOr<HotTopicsReport> hot = rankings_.HotTopics(*query);
  if (!hot.ok()) return hot.status();
  return HotTopicsCsv(*hot);
}

absl::StatusOr<MinorReportQuery> ReportingService::ScopedMinorQuery(
    const Principal& caller, const v1::MonthlyMinorProtectionReportRequest& request) {
  absl::StatusOr<MinorReportQuery> query = ToMinorReportQuery(request);
  if (!query.ok()) return query.status();
  CellFilter scope{.region_prefix = query->region_prefix};
  if (absl::Status s = ScopeFilter(caller, scope); !s.ok()) return s;
  query->region_prefix = scope.region_prefix;
  return query;
}

absl::StatusOr<std::string> ReportingService::MinorsCsvFor(
    const Principal& caller, const v1::MonthlyMinorProtectionReportRequest& request) {
  absl::StatusOr<MinorReportQuery> query = ScopedMinorQuery(caller, request);
  if (!query.ok()) return query.status();
  absl::StatusOr<MinorReport> report = minors_.Get(*query);
  if (!report.ok()) return report.status();
  // The very bytes the report's digest is computed over.
  return PublishedCsv(report->rows);
}

grpc::Status ReportingService::MonthlyMinorProtectionReport(
    Context* context, const v1::MonthlyMinorProtectionReportRequest* request,
    v1::MonthlyMinorProtectionReportResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<MinorReportQuery> query = ScopedMinorQuery(caller, *request);
    if (!query.ok()) return query.status();
    absl::StatusOr<MinorReport> report = minors_.Get(*query);
    if (!report.ok()) return report.status();
    FillMinorReport(*report, *response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingService::ListReportCorrections(
    Context* context, const v1::ListReportCorrectionsRequest* request,
    v1::ListReportCorrectionsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (!request->has_minors()) {
      return InvalidFields(
          {{"report", "name the frozen report: minors (the monthly minors' report)"}});
    }
    absl::StatusOr<MinorReportQuery> query = ScopedMinorQuery(caller, request->minors());
    if (!query.ok()) return query.status();
    absl::StatusOr<ReportCorrections> corrections = minors_.Corrections(*query);
    if (!corrections.ok()) return corrections.status();
    FillCorrections(*corrections, *response);
    return absl::OkStatus();
  });
}

grpc::Status ReportingService::RebuildRollups(Context* context, const v1::RebuildRollupsRequest*,
                                              v1::RebuildRollupsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<RebuildResult> rebuilt = rebuilder_.Rebuild();
    if (!rebuilt.ok()) return rebuilt.status();
    response->set_events_replayed(rebuilt->events_replayed);
    response->set_tickets(rebuilt->tickets);
    return absl::OkStatus();
  });
}

grpc::Status ReportingService::GetRollupStatus(Context* context, const v1::GetRollupStatusRequest*,
                                               v1::GetRollupStatusResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<RollupStatusView> status = status_.Get();
    if (!status.ok()) return status.status();
    if (status->last_event_at) {
      *response->mutable_last_event_at() = ToTimestamp(*status->last_event_at);
    }
    if (status->last_applied_at) {
      *response->mutable_last_applied_at() = ToTimestamp(*status->last_applied_at);
    }
    response->set_lag_seconds(absl::ToDoubleSeconds(status->lag));
    if (status->drift) {
      response->set_drift_mismatches(status->drift->mismatches);
      response->set_drift_cells_checked(status->drift->cells_checked);
      response->set_drift_day(absl::FormatCivilTime(status->drift->day));
    }
    return absl::OkStatus();
  });
}

}  // namespace hotline::reporting
