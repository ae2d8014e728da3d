#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "libs/tls/dial.h"
#include "services/provincial-transfer/app/minor_push.h"

namespace hotline::transfer {

// How this instance reaches its reporting service: the address, the CA of its certificate (none:
// plaintext, loopback only) and a file holding a reporting-role bearer token (read at each fetch,
// so a replaced token applies without a restart).
struct ReportingEndpoint {
  std::string address;
  tls::ClientTls tls;
  std::string token_file;
};

// MinorFiguresSource over hotline.reporting.v1.Reporting: the frozen MonthlyMinorProtectionReport
// of this instance's jurisdiction with ListReportCorrections' restated figures applied.
class ReportingMinorSource final : public MinorFiguresSource {
 public:
  ReportingMinorSource(ReportingEndpoint endpoint, std::string region_prefix,
                       absl::Duration timeout)
      : endpoint_(std::move(endpoint)),
        region_prefix_(std::move(region_prefix)),
        timeout_(timeout) {}

  absl::StatusOr<v1::MinorMonthFigures> Fetch(const std::string& month) override;

 private:
  absl::StatusOr<std::shared_ptr<grpc::Channel>> Channel();
  absl::StatusOr<std::string> Token() const;

  const ReportingEndpoint endpoint_;
  const std::string region_prefix_;
  const absl::Duration timeout_;
  std::shared_ptr<grpc::Channel> channel_;  // by the pushing thread or an RPC, one at a time
  absl::Mutex mu_;
};

}  // namespace hotline::transfer
