#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "hotline/reporting/v1/reporting.grpc.pb.h"
#include "tests/e2e/supervision/supervision_fixture.h"
#include "tests/support/service_process.h"

namespace hotline::reporting::testing {

// Supervision's fixture (intake, routing and supervision on a controllable clock, one scratch
// database and stream, the small Kunming directory) plus a hotline-reporting of the test's own,
// and the steps a ticket goes through, driven over gRPC as front-ends, units and the office do.
// Supervision's clock is the system clock until a test sets it: routing stamps signatures and
// replies with the system clock, and reporting compares them with supervision's due times.
class ReportingFixture {
 public:
  ReportingFixture();
  ~ReportingFixture();

  supervision::testing::SupervisionFixture& desk() { return desk_; }
  hotline::reporting::v1::Reporting::Stub& reporting() { return *stub_; }
  ::hotline::testing::ServiceProcess& process() { return *process_; }

  // A token of `role` for `jurisdiction`, made with hotline-admin.
  std::string Token(const std::string& role, const std::string& jurisdiction);

  // Submissions from a Kunming console; each returns the ticket number.
  std::string Submit(const std::string& category, const std::string& region) {
    return desk_.Submit(category, region);
  }
  // A consultation answered on the call from a knowledge-base article (直接办结).
  std::string SubmitAnswered(const std::string& region);
  // The county's education bureau leads, its civil affairs bureau co-handles: both sign, the
  // co-handler's opinion, the lead's reply; then the office approves (→ CLOSED).
  void HandleToClosing(const std::string& number, const std::string& county);
  // The lead's reply, once its co-handler has given its opinion, and the office's approval.
  void ReplyAndApprove(const std::string& number, const std::string& lead);
  // The lead returns its part (退单) and the office upholds its objection.
  void ReturnLead(const std::string& number, const std::string& unit);
  grpc::Status FollowUp(const std::string& number, hotline::supervision::v1::Satisfaction level,
                        bool resolved);

  // Waits until reporting has applied every event of the stream it counts.
  void WaitForRollups();
  // GetIndicators for today's local day ± 1 as `token`, grouped by `group_by`.
  grpc::Status Indicators(const std::string& token,
                          const std::vector<hotline::reporting::v1::Dimension>& group_by,
                          const std::string& region_prefix,
                          hotline::reporting::v1::GetIndicatorsResponse* out);
  // The values of the row with `key`, by indicator code; fails the test when there is none.
  static std::map<std::string, hotline::reporting::v1::IndicatorValue> Row(
      const hotline::reporting::v1::GetIndicatorsResponse& response,
      const std::vector<std::string>& key);

  std::string reporting_53;  // the reporting role for the province

 private:
  supervision::testing::SupervisionFixture desk_;
  std::unique_ptr<::hotline::testing::ServiceProcess> process_;
  std::unique_ptr<hotline::reporting::v1::Reporting::Stub> stub_;
};

// Saturday 2026-12-05 10:00 (closed time): every limit counts from Monday's opening.
absl::Time Saturday();

}  // namespace hotline::reporting::testing
