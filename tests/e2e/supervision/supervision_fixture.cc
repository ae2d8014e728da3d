#include "tests/e2e/supervision/supervision_fixture.h"

#include <grpcpp/create_channel.h>
#include <signal.h>

#include <catch2/catch.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "hotline/common/v1/event.pb.h"
#include "tests/support/test_env.h"

namespace hotline::supervision::testing {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::PollUntil;
using ::hotline::testing::ServiceProcess;
using ::hotline::testing::TestEnv;

SupervisionFixture::SupervisionFixture(int replicas) {
  frontend = desk_.frontend;
  supervisor = desk_.supervisor;
  supervisor_qujing = desk_.supervisor_qujing;
  admin = desk_.admin;
  // The district bureaus report to the city's: escalation (the ladder's last rung) goes there.
  hotline::routing::v1::ImportDirectoryChunk chunk;
  for (const auto& [id, parent] : std::vector<std::pair<std::string, std::string>>{
           {"530102-education", "5301-government"},
           {"530102-civil-affairs", "5301-civil-affairs"},
           {"530103-education", "5301-government"},
           {"530103-civil-affairs", "5301-civil-affairs"}}) {
    hotline::routing::v1::Unit* u = chunk.add_units();
    u->set_id(id);
    u->set_name(id);
    u->set_region_code(id.substr(0, id.find('-')));
    u->set_department(id.substr(id.find('-') + 1));
    u->set_parent_id(parent);
    u->set_active(true);
    u->add_contact_roles("duty-officer");
  }
  hotline::routing::v1::ImportDirectoryResponse imported;
  auto context = As(admin);
  auto writer = desk_.routing().ImportDirectory(context.get(), &imported);
  REQUIRE(writer->Write(chunk));
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  INFO(status.error_message());
  REQUIRE(status.ok());

  processes_.resize(replicas);
  stubs_.resize(replicas);
  testing_stubs_.resize(replicas);
  for (int i = 0; i < replicas; ++i) StartReplica(i);
}

SupervisionFixture::~SupervisionFixture() {
  std::vector<pid_t> pids = {desk_.intake_process().process().pid(),
                             desk_.routing_process().process().pid()};
  for (auto& p : processes_) {
    if (p) pids.push_back(p->process().pid());
  }
  // The members' destructors then wait for each (ServiceProcess sends SIGTERM again, harmless).
  for (pid_t pid : pids) kill(pid, SIGTERM);
}

std::vector<std::string> SupervisionFixture::Flags(const std::string& consumer_name,
                                                   bool controllable) const {
  std::vector<std::string> flags = {"--pg_url=" + desk_.db_url(),
                                    "--redis_url=" + TestEnv::Get().RedisUrl(),
                                    "--stream_prefix=" + desk_.stream_prefix(),
                                    "--instance_id=53",
                                    "--auth_cache_ttl=1s",
                                    "--consumer_name=" + consumer_name,
                                    "--sweep_every=50ms"};
  if (controllable) flags.push_back("--controllable_clock");
  return flags;
}

void SupervisionFixture::StartReplica(int i, absl::Time start) {
  std::vector<std::string> flags = Flags("supervision-" + std::to_string(i), /*controllable=*/true);
  if (start != absl::InfinitePast()) {
    flags.push_back("--controllable_clock_start=" +
                    absl::FormatTime(absl::RFC3339_full, start, absl::UTCTimeZone()));
  }
  processes_[i] = std::make_unique<ServiceProcess>("hotline-supervision", flags);
  auto channel = grpc::CreateChannel(processes_[i]->address(), grpc::InsecureChannelCredentials());
  stubs_[i] = v1::Supervision::NewStub(channel);
  testing_stubs_[i] = v1::SupervisionTesting::NewStub(channel);
}

std::unique_ptr<ServiceProcess> SupervisionFixture::StartWithoutControllableClock() {
  return std::make_unique<ServiceProcess>("hotline-supervision",
                                          Flags("supervision-production", /*controllable=*/false));
}

void SupervisionFixture::StopReplica(int i, int signal) {
  processes_[i]->process().Stop(signal);
  stubs_[i].reset();
  testing_stubs_[i].reset();
  processes_[i].reset();
}

void SupervisionFixture::SetClock(absl::Time now) {
  for (auto& stub : testing_stubs_) {
    v1::SetClockRequest r;
    *r.mutable_now() = Proto(now);
    v1::SetClockResponse response;
    grpc::Status status = stub->SetClock(As(admin).get(), r, &response);
    INFO(status.error_message());
    REQUIRE(status.ok());
  }
}

grpc::Status SupervisionFixture::Sign(const std::string& number, const std::string& unit) {
  hotline::routing::v1::SignForRequest r;
  r.set_assignment_id(AssignmentId(number, unit));
  hotline::routing::v1::SignForResponse response;
  return desk_.routing().SignFor(As(UnitToken(unit)).get(), r, &response);
}

grpc::Status SupervisionFixture::Reply(const std::string& number, const std::string& unit,
                                       hotline::routing::v1::SubmitReplyResponse* out) {
  hotline::routing::v1::SubmitReplyRequest r;
  r.set_assignment_id(AssignmentId(number, unit));
  r.set_content("已按职责处理并答复来电人");
  hotline::routing::v1::SubmitReplyResponse response;
  return desk_.routing().SubmitReply(As(UnitToken(unit)).get(), r, out ? out : &response);
}

void SupervisionFixture::HandleUpToReply(const std::string& number) {
  REQUIRE(Sign(number, "530102-education").ok());
  REQUIRE(Sign(number, "530102-civil-affairs").ok());
  REQUIRE(Reply(number, "530102-civil-affairs").ok());
  grpc::Status replied = Reply(number, "530102-education");
  INFO(replied.error_message());
  REQUIRE(replied.ok());
  WaitForState(number, "REPLIED");
}

v1::GetDeadlinesResponse SupervisionFixture::Deadlines(const std::string& number) {
  v1::GetDeadlinesRequest r;
  r.set_ticket_number(number);
  v1::GetDeadlinesResponse response;
  grpc::Status status = supervision().GetDeadlines(As(supervisor).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}

v1::Clock SupervisionFixture::ClockOf(const std::string& number, v1::ClockKind kind,
                                      const std::string& unit) {
  const v1::GetDeadlinesResponse deadlines = Deadlines(number);
  for (const v1::Clock& c : deadlines.clocks()) {
    if (c.kind() == kind && (unit.empty() || c.unit_id() == unit)) return c;
  }
  FAIL(number << " has no clock of kind " << v1::ClockKind_Name(kind) << " " << unit);
  return {};
}

v1::Clock SupervisionFixture::WaitForClock(const std::string& number, v1::ClockKind kind,
                                           v1::ClockState state, const std::string& unit) {
  v1::Clock found;
  const bool reached = PollUntil(
      absl::Seconds(20),
      [&] {
        const v1::GetDeadlinesResponse deadlines = Deadlines(number);
        for (const v1::Clock& c : deadlines.clocks()) {
          if (c.kind() == kind && c.state() == state && (unit.empty() || c.unit_id() == unit)) {
            found = c;
            return true;
          }
        }
        return false;
      },
      absl::Milliseconds(50));
  INFO(number << ": no " << v1::ClockKind_Name(kind) << " clock " << unit << " in "
              << v1::ClockState_Name(state));
  REQUIRE(reached);
  return found;
}

void SupervisionFixture::WaitForClocks(const std::string& number, int count) {
  WaitForState(number, "DISPATCHED");
  int seen = 0;
  const bool reached = PollUntil(
      absl::Seconds(20),
      [&] {
        seen = Deadlines(number).clocks_size();
        return seen >= count;
      },
      absl::Milliseconds(50));
  INFO(number << " has " << seen << " clocks, expected " << count);
  REQUIRE(reached);
}

namespace {

std::vector<common::EventEnvelope> Envelopes(const SupervisionFixture& f, const std::string& number,
                                             const std::string& type) {
  const std::string text = f.Text(
      "SELECT string_agg(translate(encode(e.envelope, 'base64'), E'\\n', ''), ' ' ORDER BY e.id) "
      "FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.number = '" +
      number + "' AND e.type = '" + type + "'");
  std::vector<common::EventEnvelope> out;
  for (absl::string_view part : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    std::string bytes;
    REQUIRE(absl::Base64Unescape(part, &bytes));
    REQUIRE(out.emplace_back().ParseFromString(bytes));
  }
  return out;
}

}  // namespace

std::vector<v1::DeadlineStep> SupervisionFixture::Steps(const std::string& number) {
  std::vector<v1::DeadlineStep> steps;
  for (const common::EventEnvelope& e : Envelopes(*this, number, "supervision.deadline_step")) {
    REQUIRE(e.payload().UnpackTo(&steps.emplace_back()));
  }
  return steps;
}

int64_t SupervisionFixture::EventCount(const std::string& number, const std::string& type) {
  return Count(
      "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
      "WHERE t.number = '" +
      number + "' AND e.type = '" + type + "'");
}

bool SupervisionFixture::WaitForSteps(const std::string& number, size_t n) {
  return PollUntil(
      absl::Seconds(20),
      [&] { return EventCount(number, "supervision.deadline_step") >= static_cast<int64_t>(n); },
      absl::Milliseconds(50));
}

absl::Time Cst(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::FixedTimeZone(8 * 3600));
}

google::protobuf::Timestamp Proto(absl::Time t) {
  google::protobuf::Timestamp out;
  const int64_t micros = absl::ToUnixMicros(t);
  out.set_seconds(micros / 1000000);
  out.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return out;
}

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string Show(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E3S CST", t, absl::FixedTimeZone(8 * 3600));
}

void QuietPeriod() { absl::SleepFor(absl::Milliseconds(400)); }

}  // namespace hotline::supervision::testing
