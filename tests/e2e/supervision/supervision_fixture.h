#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.grpc.pb.h"
#include "hotline/supervision/v1/supervision_testing.grpc.pb.h"
#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/service_process.h"
#include "tests/support/violated_fields.h"

namespace hotline::supervision::testing {

// Routing's fixture (intake + routing over one scratch database and stream, the small Kunming
// directory, tokens) plus `replicas` hotline-supervision processes on a controllable clock,
// sweeping every 50ms. Clocks start from routing's events, so SetClock before submitting: event
// times map onto the supervision clock.
class SupervisionFixture {
 public:
  explicit SupervisionFixture(int replicas = 1);
  // Every process is asked to stop at once: each takes a while to drain.
  ~SupervisionFixture();

  routing::testing::RoutingFixture& desk() { return desk_; }
  hotline::supervision::v1::Supervision::Stub& supervision(int i = 0) { return *stubs_[i]; }
  ::hotline::testing::ServiceProcess& process(int i = 0) { return *processes_[i]; }
  // The test-only service of replica `i` (SetClock).
  hotline::supervision::v1::SupervisionTesting::Stub& testing(int i = 0) {
    return *testing_stubs_[i];
  }
  static std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    return routing::testing::RoutingFixture::As(token);
  }

  // Sets every replica's clock (each process keeps its own offset).
  void SetClock(absl::Time now);
  // Replica `i` stopped with `signal` (SIGKILL: a crash, mid-sweep if one runs) and started
  // again with the same consumer name; its clock is the system clock until SetClock.
  void StopReplica(int i, int signal);
  // `start`: where its clock starts (InfinitePast: the system clock, until SetClock).
  void StartReplica(int i, absl::Time start = absl::InfinitePast());
  // One more hotline-supervision on the same database and stream, started as production starts
  // it: without --controllable_clock.
  std::unique_ptr<::hotline::testing::ServiceProcess> StartWithoutControllableClock();

  // Forwarded from routing's fixture.
  std::string Submit(const std::string& category, const std::string& region) {
    return desk_.Submit(category, region);
  }
  void WaitForState(const std::string& number, const std::string& state) {
    desk_.WaitForState(number, state);
  }
  std::string StateOf(const std::string& number) const { return desk_.StateOf(number); }
  const std::string& UnitToken(const std::string& unit) { return desk_.UnitToken(unit); }
  int64_t Count(const std::string& sql) const { return desk_.Count(sql); }
  int64_t AssignmentId(const std::string& number, const std::string& unit) {
    return desk_.AssignmentOf(number, unit).id();
  }
  // The unit signs for / replies to its assignment of the ticket.
  grpc::Status Sign(const std::string& number, const std::string& unit);
  grpc::Status Reply(const std::string& number, const std::string& unit,
                     hotline::routing::v1::SubmitReplyResponse* out = nullptr);
  // Dispatched → signed → co-handler's opinion → lead's reply: the ticket is REPLIED.
  void HandleUpToReply(const std::string& number);
  std::string Text(const std::string& sql) const { return desk_.Text(sql); }

  // The ticket's clocks as the office sees them (newest first).
  hotline::supervision::v1::GetDeadlinesResponse Deadlines(const std::string& number);
  // The newest clock of `kind` (and of `unit` when given); fails the test when there is none.
  hotline::supervision::v1::Clock ClockOf(const std::string& number,
                                          hotline::supervision::v1::ClockKind kind,
                                          const std::string& unit = "");
  // Polls until the ticket has a clock of `kind` (and `unit`) in `state`.
  hotline::supervision::v1::Clock WaitForClock(const std::string& number,
                                               hotline::supervision::v1::ClockKind kind,
                                               hotline::supervision::v1::ClockState state,
                                               const std::string& unit = "");
  // Waits until routing has dispatched the ticket and supervision started its clocks (two
  // sign-for clocks, a co-reply clock and the handling clock for the education rules).
  void WaitForClocks(const std::string& number, int count);

  // The ticket's supervision.deadline_step payloads, in event order.
  std::vector<hotline::supervision::v1::DeadlineStep> Steps(const std::string& number);
  // How many events of `type` the ticket has.
  int64_t EventCount(const std::string& number, const std::string& type);
  // Polls until the ticket has `n` deadline steps in all; true when it got there.
  bool WaitForSteps(const std::string& number, size_t n);

  std::string frontend, supervisor, supervisor_qujing, admin;

 private:
  // Replica `i`'s flags; `controllable` adds --controllable_clock.
  std::vector<std::string> Flags(const std::string& consumer_name, bool controllable) const;

  routing::testing::RoutingFixture desk_;
  std::vector<std::unique_ptr<::hotline::testing::ServiceProcess>> processes_;
  std::vector<std::unique_ptr<hotline::supervision::v1::Supervision::Stub>> stubs_;
  std::vector<std::unique_ptr<hotline::supervision::v1::SupervisionTesting::Stub>> testing_stubs_;
};

// An instant of Beijing time (Asia/Shanghai is UTC+8 without DST).
absl::Time Cst(int year, int month, int day, int hour, int minute = 0);
google::protobuf::Timestamp Proto(absl::Time t);
absl::Time FromProto(const google::protobuf::Timestamp& t);
// "2026-12-25 17:30:00 CST", for messages.
std::string Show(absl::Time t);

using ::hotline::testing::ViolatedFields;

// Proving that nothing more fires needs a wait: several sweeps of 50ms.
void QuietPeriod();

}  // namespace hotline::supervision::testing
