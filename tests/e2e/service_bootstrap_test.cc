// What every service gets from libs/service, end to end through real service binaries the tests
// start themselves (own database, own stream): bearer tokens, roles and jurisdictions, error
// details, per-RPC metrics, the event pipeline between two services, health, reflection-free
// probes, and graceful shutdown. Intake and routing stand for every service here.
#include <grpcpp/create_channel.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "tests/support/http_get.h"
#include "tests/support/scratch_database.h"
#include "tests/support/service_process.h"
#include "tests/support/test_env.h"

namespace hotline {
namespace {

namespace in = hotline::intake::v1;
namespace common = hotline::common::v1;
using testing::TestEnv;

struct OwnServices {
  OwnServices()
      : stream(testing::UniqueName("e2e")),
        intake("hotline-intake", Flags()),
        stub(in::Intake::NewStub(
            grpc::CreateChannel(intake.address(), grpc::InsecureChannelCredentials()))) {}

  std::vector<std::string> Flags() const {
    return {"--pg_url=" + db.url(),      "--redis_url=" + TestEnv::Get().RedisUrl(),
            "--stream_prefix=" + stream, "--auth_cache_ttl=100ms",
            "--instance_id=53",          "--pg_pool_size=4"};
  }

  std::string Admin(const std::string& args) const {
    return testing::RunCommand(testing::BinaryPath("hotline-admin") + " --pg_url='" + db.url() +
                               "'" + " " + args);
  }
  std::string Token(const std::string& role, const std::string& jurisdiction) {
    return Admin("token create --role=" + role + " --jurisdiction=" + jurisdiction +
                 " --name=" + testing::UniqueName(role));
  }

  int64_t Count(const std::string& sql) const { return db.Count(sql); }

  testing::ScratchDatabase db;
  std::string stream;
  testing::ServiceProcess intake;
  std::unique_ptr<in::Intake::Stub> stub;
};

std::unique_ptr<grpc::ClientContext> WithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

grpc::Status ListCategories(OwnServices& s, const std::string& token) {
  in::ListCategoriesResponse ignored;
  return s.stub->ListCategories(WithToken(token).get(), {}, &ignored);
}

in::SubmitTicketRequest Submission(const std::string& key, const std::string& region) {
  in::SubmitTicketRequest r;
  r.set_idempotency_key(key);
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("public-utilities/water");
  r.set_region_code(region);
  r.mutable_caller()->set_name("赵六");
  r.mutable_caller()->set_phone("13700001111");
  r.set_content("小区停水两天了，没有任何通知。");
  return r;
}

TEST_CASE("no token, a wrong token and a revoked token are UNAUTHENTICATED", "[e2e][auth]") {
  OwnServices s;
  const std::string name = testing::UniqueName("console");
  const std::string token =
      s.Admin("token create --role=frontend --jurisdiction=5301 --name=" + name);

  CHECK(ListCategories(s, "").error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(ListCategories(s, "not-a-real-token").error_code() == grpc::StatusCode::UNAUTHENTICATED);
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Basic " + token);  // right secret, wrong scheme
    in::ListCategoriesResponse response;
    CHECK(s.stub->ListCategories(&context, {}, &response).error_code() ==
          grpc::StatusCode::UNAUTHENTICATED);
  }
  CHECK(ListCategories(s, token).ok());

  // The caller's identity is the credential's: a ticket submitted with it names it as the actor.
  in::SubmitTicketResponse submitted;
  REQUIRE(s.stub->SubmitTicket(WithToken(token).get(), Submission("k-actor", "530102"), &submitted)
              .ok());
  CHECK(s.Count("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                "WHERE t.number = '" +
                submitted.ticket_number() +
                "' AND e.type = 'ticket.created' AND position(convert_to('" + name +
                "', 'UTF8') IN e.envelope) > 0") == 1);

  s.Admin("token revoke --name=" + name);
  // Revocation takes effect within the auth cache TTL (100 ms here).
  CHECK(testing::PollUntil(absl::Seconds(5), [&] {
    return ListCategories(s, token).error_code() == grpc::StatusCode::UNAUTHENTICATED;
  }));
}

TEST_CASE("roles, jurisdictions and field violations", "[e2e][auth]") {
  OwnServices s;
  const std::string kunming = s.Token("frontend", "5301");
  const std::string qujing = s.Token("frontend", "5303");
  const std::string reporting = s.Token("reporting", "53");

  in::SubmitTicketResponse response;
  REQUIRE(
      s.stub->SubmitTicket(WithToken(kunming).get(), Submission("k-1", "530102"), &response).ok());
  CHECK(response.ticket_number().rfind("53-", 0) == 0);

  // A role that takes no calls may not submit; another area's credential finds nothing.
  CHECK(s.stub->SubmitTicket(WithToken(reporting).get(), Submission("k-2", "530102"), &response)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  in::GetTicketRequest get;
  get.set_ticket_number(response.ticket_number());
  in::GetTicketResponse ticket;
  CHECK(s.stub->GetTicket(WithToken(qujing).get(), get, &ticket).error_code() ==
        grpc::StatusCode::NOT_FOUND);

  // Every bad field at once, in a google.rpc.BadRequest.
  in::SubmitTicketRequest bad = Submission("k-3", "5301x");
  bad.clear_kind();
  bad.clear_category();
  grpc::Status invalid = s.stub->SubmitTicket(WithToken(kunming).get(), bad, &response);
  REQUIRE(invalid.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  REQUIRE(details.ParseFromString(invalid.error_details()));
  REQUIRE(details.details_size() == 1);
  google::rpc::BadRequest bad_request;
  REQUIRE(details.details(0).UnpackTo(&bad_request));
  std::vector<std::string> fields;
  for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
  for (const char* field : {"kind", "category", "region_code"}) {
    INFO(field);
    CHECK(std::count(fields.begin(), fields.end(), field) == 1);
  }
  CHECK(s.Count("SELECT count(*) FROM tickets") == 1);  // nothing written for refused requests
}

TEST_CASE("over gRPC a stale version is ABORTED and an illegal action FAILED_PRECONDITION",
          "[e2e]") {
  OwnServices s;
  const std::string supervisor = s.Token("supervisor", "53");
  in::SubmitTicketResponse submitted;
  REQUIRE(s.stub->SubmitTicket(WithToken(supervisor).get(), Submission("k-1", "5301"), &submitted)
              .ok());
  in::WithdrawTicketRequest withdraw;
  withdraw.set_ticket_number(submitted.ticket_number());
  withdraw.set_reason("已自行解决");
  withdraw.set_expected_version(99);
  in::WithdrawTicketResponse withdrawn;
  CHECK(s.stub->WithdrawTicket(WithToken(supervisor).get(), withdraw, &withdrawn).error_code() ==
        grpc::StatusCode::ABORTED);
  withdraw.set_expected_version(0);
  REQUIRE(s.stub->WithdrawTicket(WithToken(supervisor).get(), withdraw, &withdrawn).ok());
  CHECK(withdrawn.state() == common::TICKET_STATE_WITHDRAWN);
  CHECK(s.stub->WithdrawTicket(WithToken(supervisor).get(), withdraw, &withdrawn).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_CASE("metrics count RPCs by method and code, and events reach another service",
          "[e2e][metrics]") {
  OwnServices s;
  const std::string token = s.Token("admin", "");
  REQUIRE(ListCategories(s, token).ok());
  CHECK(ListCategories(s, "wrong").error_code() == grpc::StatusCode::UNAUTHENTICATED);

  // Routing consumes intake's events through the relay and the stream, as its own group; with
  // no directory it puts every accepted ticket in the manual queue.
  testing::ServiceProcess routing("hotline-routing", s.Flags());
  const std::string frontend = s.Token("frontend", "53");
  for (int i = 0; i < 3; ++i) {
    in::SubmitTicketResponse response;
    REQUIRE(s.stub
                ->SubmitTicket(WithToken(frontend).get(),
                               Submission("k-" + std::to_string(i), "530102"), &response)
                .ok());
  }
  CHECK(testing::PollUntil(absl::Seconds(20), [&] {
    return s.Count(
               "SELECT count(*) FROM tickets WHERE state = 'PENDING_DISPATCH' AND EXISTS "
               "(SELECT 1 FROM ticket_events e WHERE e.ticket_id = tickets.id AND "
               "e.type = 'routing.queued_for_manual_dispatch')") == 3;
  }));
  CHECK(s.Count("SELECT count(*) FROM consumed_events WHERE consumer_group = 'routing'") >= 3);

  const std::string method = "method=\"/hotline.intake.v1.Intake/ListCategories\"";
  const std::string text = testing::HttpGet(s.intake.metrics_port(), "/metrics");
  CHECK(testing::Sample(text, "hotline_rpc_requests_total{code=\"OK\"," + method + "}") == 1);
  CHECK(testing::Sample(
            text, "hotline_rpc_requests_total{code=\"UNAUTHENTICATED\"," + method + "}") == 1);
  CHECK(testing::Sample(text, "hotline_rpc_duration_seconds_count{" + method + "}") == 2);
}

TEST_CASE("health needs no token, and SIGTERM drains and exits 0", "[e2e][lifecycle]") {
  OwnServices s;
  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(s.intake.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse response;
  REQUIRE(health->Check(&context, {}, &response).ok());
  CHECK(response.status() == grpc::health::v1::HealthCheckResponse::SERVING);

  const std::string token = s.Token("supervisor", "53");
  for (int i = 0; i < 20; ++i) {
    in::SubmitTicketResponse submitted;
    REQUIRE(s.stub
                ->SubmitTicket(WithToken(token).get(), Submission("k-" + std::to_string(i), "53"),
                               &submitted)
                .ok());
  }
  // The embedded relay publishes the outbox while the service runs.
  CHECK(testing::PollUntil(absl::Seconds(10),
                           [&] { return s.Count("SELECT count(*) FROM outbox_pending") == 0; }));
  const int status = s.intake.process().Stop(SIGTERM);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace hotline
