#include "tests/e2e/intake/intake_fixture.h"

#include <grpcpp/create_channel.h>

#include <catch2/catch.hpp>

#include "tests/support/test_env.h"

namespace hotline::intake::testing {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::BinaryPath;
using ::hotline::testing::RunCommand;
using ::hotline::testing::TestEnv;
using ::hotline::testing::UniqueName;

IntakeFixture::IntakeFixture(std::vector<std::string> extra_flags) {
  flags_ = {"--pg_url=" + db_.url(),
            "--redis_url=" + TestEnv::Get().RedisUrl(),
            "--stream_prefix=" + UniqueName("intake"),
            "--instance_id=53",
            "--pg_pool_size=12",
            "--auth_cache_ttl=1s"};
  std::vector<std::string> flags = flags_;
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  service_ = std::make_unique<::hotline::testing::ServiceProcess>("hotline-intake", flags);
  stub_ = v1::Intake::NewStub(
      grpc::CreateChannel(service_->address(), grpc::InsecureChannelCredentials()));
  frontend_kunming = Token("frontend", "5301", &frontend_kunming_name_);
  frontend_qujing = Token("frontend", "5303");
  supervisor = Token("supervisor", "53");
  province = Token("province", "53");
  reporting = Token("reporting", "53");
  admin = Token("admin", "");
}

v1::Intake::Stub& IntakeFixture::AddReplica(std::vector<std::string> extra_flags) {
  std::vector<std::string> flags = flags_;
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  replicas_.push_back(
      std::make_unique<::hotline::testing::ServiceProcess>("hotline-intake", flags));
  replica_stubs_.push_back(v1::Intake::NewStub(
      grpc::CreateChannel(replicas_.back()->address(), grpc::InsecureChannelCredentials())));
  return *replica_stubs_.back();
}

std::string IntakeFixture::Token(const std::string& role, const std::string& jurisdiction,
                                 std::string* name) {
  const std::string unique = UniqueName(role);
  if (name != nullptr) *name = unique;
  return RunCommand(BinaryPath("hotline-admin") + " token create --pg_url='" + db_.url() + "'" +
                    " --role=" + role + " --jurisdiction=" + jurisdiction + " --name=" + unique);
}

// The stored form intake keeps (services/intake/rules/submission.h: ScopedIdempotencyKey).
std::string IntakeFixture::StoredKey(const std::string& key) const {
  return frontend_kunming_name_ + "/" + key;
}

std::unique_ptr<grpc::ClientContext> IntakeFixture::As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

v1::SubmitTicketRequest IntakeFixture::ValidRequest(const std::string& key) {
  v1::SubmitTicketRequest r;
  r.set_idempotency_key(key);
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("public-utilities/water");
  r.set_region_code("530102");
  r.set_address("五华区青年路100号");
  r.mutable_caller()->set_name("李明");
  r.mutable_caller()->set_phone("13812345678");
  r.set_content("小区从周一开始停水，已经三天了，物业说是管道维修但一直没有通知什么时候恢复。");
  return r;
}

grpc::Status IntakeFixture::Submit(const v1::SubmitTicketRequest& request,
                                   v1::SubmitTicketResponse* response, const std::string& token) {
  return stub_->SubmitTicket(As(token.empty() ? frontend_kunming : token).get(), request, response);
}

v1::GetTicketResponse IntakeFixture::Get(const std::string& number, const std::string& token) {
  v1::GetTicketRequest request;
  request.set_ticket_number(number);
  v1::GetTicketResponse response;
  grpc::Status status = stub_->GetTicket(As(token).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}

int64_t IntakeFixture::Count(const std::string& sql) const { return db_.Count(sql); }

}  // namespace hotline::intake::testing
