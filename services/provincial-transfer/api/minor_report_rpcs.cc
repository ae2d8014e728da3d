// The monthly minor-protection RPCs of hotline.transfer.v1.Transfer: a prefecture's "push month M
// now" (app/minor_push.h) and the province's consolidated report (app/minor_reports.h).
#include <algorithm>

#include "services/provincial-transfer/api/minor_report_proto.h"
#include "services/provincial-transfer/api/transfer_service.h"

namespace hotline::transfer {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

}  // namespace

grpc::Status TransferService::PushMinorMonth(Context* context,
                                             const v1::PushMinorMonthRequest* request,
                                             v1::PushMinorMonthResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<QueuedMinorPush> queued = use_cases_.minor_push.PushMonth(request->month());
    if (!queued.ok()) return queued.status();
    response->set_queued(queued->queued);
    response->set_content_digest(queued->content_digest);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::GetProvincialMinorReport(
    Context* context, const v1::GetProvincialMinorReportRequest* request,
    v1::GetProvincialMinorReportResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<ProvincialMinorReport> report =
        use_cases_.minor_reports.Report(request->month());
    if (!report.ok()) return report.status();
    *response = MinorReportToProto(*report);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::ExportProvincialMinorReport(
    Context* context, const v1::GetProvincialMinorReportRequest* request,
    grpc::ServerWriter<v1::ExportProvincialMinorReportChunk>* writer) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<ProvincialMinorReport> report =
        use_cases_.minor_reports.Report(request->month());
    if (!report.ok()) return report.status();
    const std::string csv = MinorReportCsv(MinorReportToProto(*report));
    for (size_t at = 0; at < csv.size(); at += kChunkBytes) {
      v1::ExportProvincialMinorReportChunk chunk;
      chunk.set_csv(csv.substr(at, std::min(kChunkBytes, csv.size() - at)));
      if (!writer->Write(chunk)) return absl::CancelledError("the client went away");
    }
    return absl::OkStatus();
  });
}

}  // namespace hotline::transfer
