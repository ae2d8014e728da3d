#include "tests/e2e/routing/routing_fixture.h"

#include <grpcpp/create_channel.h>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/test_env.h"

namespace hotline::routing::testing {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::BinaryPath;
using ::hotline::testing::PollUntil;
using ::hotline::testing::RunCommand;
using ::hotline::testing::ServiceProcess;
using ::hotline::testing::TestEnv;
using ::hotline::testing::UniqueName;

RoutingFixture::RoutingFixture(int replicas, std::vector<std::string> routing_flags)
    : stream_prefix_(UniqueName("routing")) {
  const std::vector<std::string> common_flags = {
      "--pg_url=" + db_.url(), "--redis_url=" + TestEnv::Get().RedisUrl(),
      "--stream_prefix=" + stream_prefix_, "--instance_id=53", "--auth_cache_ttl=1s"};
  intake_process_ = std::make_unique<ServiceProcess>("hotline-intake", common_flags);
  intake_ = hotline::intake::v1::Intake::NewStub(
      grpc::CreateChannel(intake_process_->address(), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < replicas; ++i) {
    std::vector<std::string> flags = common_flags;
    flags.push_back("--consumer_name=routing-" + std::to_string(i));
    flags.push_back("--directory_poll=200ms");
    flags.insert(flags.end(), routing_flags.begin(), routing_flags.end());
    routing_processes_.push_back(std::make_unique<ServiceProcess>("hotline-routing", flags));
    routing_.push_back(v1::Routing::NewStub(grpc::CreateChannel(
        routing_processes_.back()->address(), grpc::InsecureChannelCredentials())));
  }
  frontend = Token("frontend", "5301", UniqueName("console"));
  supervisor = Token("supervisor", "53", UniqueName("office"));
  supervisor_qujing = Token("supervisor", "5303", UniqueName("office-qujing"));
  admin = Token("admin", "", UniqueName("admin"));
  ImportTestDirectory();
}

std::string RoutingFixture::Token(const std::string& role, const std::string& jurisdiction,
                                  const std::string& name) {
  return RunCommand(BinaryPath("hotline-admin") + " token create --pg_url='" + db_.url() + "'" +
                    " --role=" + role + " --jurisdiction=" + jurisdiction + " --name=" + name);
}

const std::string& RoutingFixture::UnitToken(const std::string& unit_id) {
  auto it = unit_tokens_.find(unit_id);
  if (it != unit_tokens_.end()) return it->second;
  const std::string region = unit_id.substr(0, unit_id.find('-'));
  return unit_tokens_[unit_id] = Token("unit", region, unit_id);
}

std::unique_ptr<grpc::ClientContext> RoutingFixture::As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

void RoutingFixture::ImportTestDirectory() {
  v1::ImportDirectoryChunk chunk;
  const std::vector<std::pair<std::string, bool>> departments = {
      {"civil-affairs", true},           {"education", true},
      {"urban-management", true},        {"public-security", true},
      {"water-supply", false},           {"government", false},
      {"township-government", false},    {"village-committee", false},
      {"child-supervisor", false},       {"child-director", false},
      {"minor-protection-centre", false}};
  for (const auto& [code, functional] : departments) {
    v1::DepartmentType* d = chunk.add_departments();
    d->set_code(code);
    d->set_name(code);
    d->set_functional(functional);
  }
  const std::vector<std::pair<std::string, std::string>> units = {
      {"53", "public-security"},
      {"5301", "government"},
      {"5301", "civil-affairs"},
      {"5301", "minor-protection-centre"},
      {"5301", "water-supply"},
      {"530102", "civil-affairs"},
      {"530102", "education"},
      {"530102", "urban-management"},
      {"530103", "civil-affairs"},
      {"530103", "education"},
      {"530102001", "township-government"},
      {"530102001", "child-supervisor"},
      {"530102001001", "village-committee"},
      {"530102001001", "child-director"}};
  for (const auto& [region, dept] : units) {
    v1::Unit* u = chunk.add_units();
    u->set_id(region + "-" + dept);
    u->set_name(absl::StrCat(region, " ", dept));
    u->set_region_code(region);
    u->set_department(dept);
    u->set_active(true);
    u->add_contact_roles("duty-officer");
  }
  struct Rule {
    std::string category;
    common::Tier tier;
    std::vector<std::string> departments;
  };
  const std::vector<Rule> rules = {
      {"public-utilities/water", common::TIER_PREFECTURE, {"water-supply"}},
      {"education", common::TIER_COUNTY, {"education", "civil-affairs"}},
      {"minor-protection", common::TIER_COUNTY, {"civil-affairs", "education"}},
      {"public-security/exit-entry", common::TIER_PROVINCE, {"public-security"}}};
  for (const Rule& r : rules) {
    v1::CatalogueRule* rule = chunk.add_rules();
    rule->set_category_prefix(r.category);
    rule->set_tier(r.tier);
    for (const std::string& d : r.departments) rule->add_departments(d);
    rule->set_priority(100);
  }
  v1::ImportDirectoryResponse response;
  auto context = As(admin);
  auto writer = routing().ImportDirectory(context.get(), &response);
  REQUIRE(writer->Write(chunk));
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE(response.units() == static_cast<int64_t>(units.size()));
  // Every replica routes with the imported directory before the test starts.
  for (auto& stub : routing_) {
    REQUIRE(PollUntil(absl::Seconds(10), [&] {
      v1::GetDirectoryStatusResponse status_response;
      auto ctx = As(admin);
      return stub->GetDirectoryStatus(ctx.get(), {}, &status_response).ok() &&
             status_response.directory_version() >= response.directory_version();
    }));
  }
}

std::string RoutingFixture::Submit(const std::string& category, const std::string& region,
                                   bool involves_minor, bool confidential) {
  hotline::intake::v1::SubmitTicketRequest r;
  r.set_idempotency_key(UniqueName("submit"));
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(involves_minor ? common::SOURCE_LINE_12349 : common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category(category);
  r.set_region_code(region);
  r.set_address("五华区青年路100号");
  r.mutable_caller()->set_name("李明");
  r.mutable_caller()->set_phone("13812345678");
  r.mutable_caller()->set_wants_confidentiality(confidential);
  r.set_involves_minor(involves_minor);
  r.set_content(absl::StrCat("反映的问题需要相关部门尽快处理，编号", UniqueName("c")));
  hotline::intake::v1::SubmitTicketResponse response;
  grpc::Status status = intake().SubmitTicket(As(frontend).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response.ticket_number();
}

std::string RoutingFixture::StateOf(const std::string& number) const {
  return db_.Text("SELECT state FROM tickets WHERE number = '" + number + "'");
}

void RoutingFixture::WaitForState(const std::string& number, const std::string& state) {
  std::string last;
  const bool reached = PollUntil(
      absl::Seconds(20),
      [&] {
        last = StateOf(number);
        return last == state;
      },
      absl::Milliseconds(50));
  INFO(number << " is " << last << ", expected " << state);
  REQUIRE(reached);
}

std::vector<std::string> RoutingFixture::LatestRound(const std::string& number) const {
  const std::string out = db_.Text(R"sql(
SELECT string_agg(unit_id || ':' ||
  (ARRAY['LEAD', 'CO_HANDLER', 'NOTIFIED'])[role] || ':' ||
  (ARRAY['DISPATCHED', 'SIGNED', 'REPLIED', 'RETURNED', 'CANCELLED'])[state], ' ' ORDER BY id)
FROM routing_assignments
WHERE ticket_number = ')sql" + number +
                                   R"sql(' AND round =
  (SELECT max(round) FROM routing_assignments WHERE ticket_number = ')sql" +
                                   number + "')");
  std::vector<std::string> parts = absl::StrSplit(out, ' ', absl::SkipEmpty());
  return parts;
}

v1::Assignment RoutingFixture::AssignmentOf(const std::string& number, const std::string& unit_id) {
  v1::ListAssignmentsRequest request;
  v1::ListAssignmentsResponse response;
  grpc::Status status = routing().ListAssignments(As(UnitToken(unit_id)).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  for (const v1::Assignment& a : response.assignments()) {
    if (a.ticket_number() == number) return a;  // newest first
  }
  FAIL("no assignment of " << number << " for " << unit_id);
  return {};
}

}  // namespace hotline::routing::testing
