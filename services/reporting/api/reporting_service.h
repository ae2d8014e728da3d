#pragma once

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "hotline/reporting/v1/reporting.grpc.pb.h"
#include "libs/service/auth_interceptor.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"
#include "services/reporting/app/rankings.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/rollup_status.h"

namespace hotline::reporting {

namespace v1 = hotline::reporting::v1;

struct ReportingUseCases {
  IndicatorQueries& indicators;
  RollupRebuilder& rebuilder;
  RollupStatusQuery& status;
  MinorReports& minors;
  Rankings& rankings;
};

// gRPC adapter of hotline.reporting.v1.Reporting: checks the request's fields, the caller's role
// and scope (api/access.h), runs the use case, fills the response.
class ReportingService final : public hotline::reporting::v1::Reporting::Service {
 public:
  ReportingService(ReportingUseCases uc, service::CallerRegistry& callers)
      : indicators_(uc.indicators),
        rebuilder_(uc.rebuilder),
        status_(uc.status),
        minors_(uc.minors),
        rankings_(uc.rankings),
        callers_(callers) {}

  using Context = grpc::ServerContext;
  grpc::Status GetIndicators(Context*, const v1::GetIndicatorsRequest*,
                             v1::GetIndicatorsResponse*) override;
  grpc::Status GetRanking(Context*, const v1::GetRankingRequest*, v1::GetRankingResponse*) override;
  grpc::Status HotTopics(Context*, const v1::HotTopicsRequest*, v1::HotTopicsResponse*) override;
  grpc::Status ExportReport(Context*, const v1::ExportReportRequest*,
                            grpc::ServerWriter<v1::ExportReportChunk>*) override;
  grpc::Status MonthlyMinorProtectionReport(Context*,
                                            const v1::MonthlyMinorProtectionReportRequest*,
                                            v1::MonthlyMinorProtectionReportResponse*) override;
  grpc::Status ListReportCorrections(Context*, const v1::ListReportCorrectionsRequest*,
                                     v1::ListReportCorrectionsResponse*) override;
  grpc::Status RebuildRollups(Context*, const v1::RebuildRollupsRequest*,
                              v1::RebuildRollupsResponse*) override;
  grpc::Status GetRollupStatus(Context*, const v1::GetRollupStatusRequest*,
                               v1::GetRollupStatusResponse*) override;

 private:
  // GetIndicators, GetRanking and HotTopics (the role checked before by the access table): the
  // checked `query`, the caller's jurisdiction, then `run` and `fill`.
  template <typename Query, typename Result, typename Response>
  grpc::Status Serve(Context* context, absl::StatusOr<Query> query,
                     absl::FunctionRef<absl::StatusOr<Result>(const Query&)> run,
                     void (*fill)(const Result&, Response&), Response* response);
  // The minors' report's month, checked, in the caller's jurisdiction.
  absl::StatusOr<MinorReportQuery> ScopedMinorQuery(
      const service::Principal& caller, const v1::MonthlyMinorProtectionReportRequest& request);
  // ExportReport's CSV of each report, after the same checks as the report's own RPC.
  absl::StatusOr<std::string> IndicatorsCsvFor(const service::Principal& caller,
                                               const v1::GetIndicatorsRequest& request);
  absl::StatusOr<std::string> MinorsCsvFor(const service::Principal& caller,
                                           const v1::MonthlyMinorProtectionReportRequest& request);
  absl::StatusOr<std::string> RankingCsvFor(const service::Principal& caller,
                                            const v1::GetRankingRequest& request);
  absl::StatusOr<std::string> HotTopicsCsvFor(const service::Principal& caller,
                                              const v1::HotTopicsRequest& request);

  IndicatorQueries& indicators_;
  RollupRebuilder& rebuilder_;
  RollupStatusQuery& status_;
  MinorReports& minors_;
  Rankings& rankings_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::reporting
