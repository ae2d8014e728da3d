#include "services/provincial-transfer/api/reporting_minor_source.h"

#include <grpcpp/client_context.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "hotline/reporting/v1/reporting.grpc.pb.h"
#include "services/provincial-transfer/rules/minor_figures.h"

namespace hotline::transfer {
namespace {

namespace rpb = reporting::v1;

absl::Status FromGrpc(const grpc::Status& status, absl::string_view call) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat("reporting ", call, ": ", status.error_message()));
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> ReportingMinorSource::Channel() {
  if (channel_ == nullptr) {
    absl::StatusOr<std::shared_ptr<grpc::Channel>> dialled =
        tls::Dial(endpoint_.address, endpoint_.tls);
    if (!dialled.ok()) return dialled.status();
    channel_ = *std::move(dialled);
  }
  return channel_;
}

absl::StatusOr<std::string> ReportingMinorSource::Token() const {
  std::ifstream in(endpoint_.token_file);
  std::stringstream text;
  text << in.rdbuf();
  std::string token(absl::StripAsciiWhitespace(text.str()));
  if (!in || token.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no reporting token in --reporting_token_file (", endpoint_.token_file, ")"));
  }
  return token;
}

absl::StatusOr<v1::MinorMonthFigures> ReportingMinorSource::Fetch(const std::string& month) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = Channel();
  if (!channel.ok()) return channel.status();
  absl::StatusOr<std::string> token = Token();
  if (!token.ok()) return token.status();
  auto stub = rpb::Reporting::NewStub(*channel);
  auto context = [&](grpc::ClientContext& c) {
    c.set_deadline(absl::ToChronoTime(absl::Now() + timeout_));
    c.AddMetadata("authorization", "Bearer " + *token);
  };

  rpb::MonthlyMinorProtectionReportRequest request;
  request.set_month(month);
  request.set_region_prefix(region_prefix_);
  rpb::MonthlyMinorProtectionReportResponse report;
  {
    grpc::ClientContext c;
    context(c);
    if (absl::Status s = FromGrpc(stub->MonthlyMinorProtectionReport(&c, request, &report),
                                  "MonthlyMinorProtectionReport");
        !s.ok()) {
      return s;
    }
  }
  if (!report.has_frozen_at()) {
    return absl::FailedPreconditionError(
        absl::StrCat("reporting has not frozen ", month, ": its figures are still live"));
  }
  rpb::ListReportCorrectionsRequest corrections_request;
  *corrections_request.mutable_minors() = request;
  rpb::ListReportCorrectionsResponse corrections;
  {
    grpc::ClientContext c;
    context(c);
    if (absl::Status s =
            FromGrpc(stub->ListReportCorrections(&c, corrections_request, &corrections),
                     "ListReportCorrections");
        !s.ok()) {
      return s;
    }
  }

  v1::MinorMonthFigures figures;
  figures.set_prefecture_code(region_prefix_);
  figures.set_month(month);
  figures.set_catalogue_version(report.catalogue_version());
  figures.set_suppression_threshold(report.suppression_threshold());
  *figures.mutable_rows() = report.rows();
  *figures.mutable_frozen_at() = report.frozen_at();
  figures.set_reporting_digest(report.digest());
  figures.set_corrected_rows(ApplyCorrections(corrections.rows(), figures.mutable_rows()));
  return figures;
}

}  // namespace hotline::transfer
