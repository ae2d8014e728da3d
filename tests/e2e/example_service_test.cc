// The service bootstrap end to end, through hotline-example processes the tests start themselves:
// bearer tokens, roles and jurisdictions, error details, metrics, the event pipeline, health,
// and graceful shutdown.
#include <grpcpp/create_channel.h>
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "hotline/example/v1/example.grpc.pb.h"
#include "tests/support/http_get.h"
#include "tests/support/scratch_database.h"
#include "tests/support/service_process.h"
#include "tests/support/test_env.h"

namespace hotline {
namespace {

namespace ex = hotline::example::v1;
namespace common = hotline::common::v1;
using testing::TestEnv;

struct OwnService {
  explicit OwnService(std::vector<std::string> extra = {})
      : stream(testing::UniqueName("e2e")),
        service("hotline-example", Flags(extra)),
        stub(ex::Example::NewStub(
            grpc::CreateChannel(service.address(), grpc::InsecureChannelCredentials()))) {}

  std::vector<std::string> Flags(std::vector<std::string> extra) const {
    std::vector<std::string> flags = {
        "--pg_url=" + db.url(),      "--redis_url=" + TestEnv::Get().RedisUrl(),
        "--stream_prefix=" + stream, "--auth_cache_ttl=100ms",
        "--instance_id=53",          "--pg_pool_size=4"};
    flags.insert(flags.end(), extra.begin(), extra.end());
    return flags;
  }

  std::string Admin(const std::string& args) const {
    return testing::RunCommand(testing::BinaryPath("hotline-admin") + " --pg_url=" + db.url() +
                               " " + args);
  }
  std::string Token(const std::string& role, const std::string& jurisdiction) {
    return Admin("token create --role=" + role + " --jurisdiction=" + jurisdiction +
                 " --name=" + testing::UniqueName(role));
  }

  int64_t Count(const std::string& sql) const { return db.Count(sql); }

  testing::ScratchDatabase db;
  std::string stream;
  testing::ServiceProcess service;
  std::unique_ptr<ex::Example::Stub> stub;
};

std::unique_ptr<grpc::ClientContext> WithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

grpc::Status WhoAmI(OwnService& s, const std::string& token, ex::WhoAmIResponse* out = nullptr) {
  ex::WhoAmIResponse ignored;
  return s.stub->WhoAmI(WithToken(token).get(), {}, out ? out : &ignored);
}

TEST_CASE("no token, a wrong token and a revoked token are UNAUTHENTICATED", "[e2e][auth]") {
  OwnService s;
  const std::string name = testing::UniqueName("console");
  const std::string token =
      s.Admin("token create --role=frontend --jurisdiction=5301 --name=" + name);

  CHECK(WhoAmI(s, "").error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(WhoAmI(s, "not-a-real-token").error_code() == grpc::StatusCode::UNAUTHENTICATED);
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Basic " + token);  // right secret, wrong scheme
    ex::WhoAmIResponse response;
    CHECK(s.stub->WhoAmI(&context, {}, &response).error_code() ==
          grpc::StatusCode::UNAUTHENTICATED);
  }

  ex::WhoAmIResponse me;
  REQUIRE(WhoAmI(s, token, &me).ok());
  CHECK(me.actor().role() == common::ROLE_FRONTEND);
  CHECK(me.actor().principal() == name);
  CHECK(me.actor().jurisdiction() == "5301");

  s.Admin("token revoke --name=" + name);
  // Revocation takes effect within the auth cache TTL (100 ms here).
  CHECK(testing::PollUntil(absl::Seconds(5), [&] {
    return WhoAmI(s, token).error_code() == grpc::StatusCode::UNAUTHENTICATED;
  }));
}

TEST_CASE("roles, jurisdictions and field violations", "[e2e][auth]") {
  OwnService s;
  const std::string kunming = s.Token("frontend", "5301");
  const std::string reporting = s.Token("reporting", "53");

  ex::OpenTicketRequest request;
  request.set_kind(common::TICKET_KIND_HELP);
  request.mutable_region()->set_code("530102");
  request.set_category("minor-protection/abuse");
  ex::OpenTicketResponse response;
  grpc::Status opened = s.stub->OpenTicket(WithToken(kunming).get(), request, &response);
  REQUIRE(opened.ok());
  CHECK(response.ticket().number().rfind("53-", 0) == 0);
  CHECK(response.ticket().state() == common::TICKET_STATE_RECEIVED);

  request.mutable_region()->set_code("530302");  // Qujing, outside Kunming
  CHECK(s.stub->OpenTicket(WithToken(kunming).get(), request, &response).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  request.mutable_region()->set_code("530102");
  CHECK(s.stub->OpenTicket(WithToken(reporting).get(), request, &response).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);

  ex::OpenTicketRequest bad;
  bad.mutable_region()->set_code("5301x");
  grpc::Status invalid = s.stub->OpenTicket(WithToken(kunming).get(), bad, &response);
  REQUIRE(invalid.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  REQUIRE(details.ParseFromString(invalid.error_details()));
  REQUIRE(details.details_size() == 1);
  google::rpc::BadRequest bad_request;
  REQUIRE(details.details(0).UnpackTo(&bad_request));
  std::vector<std::string> fields;
  for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
  CHECK(fields == std::vector<std::string>{"kind", "region.code", "category"});
  CHECK(s.Count("SELECT count(*) FROM tickets") == 1);  // nothing written for refused requests
}

TEST_CASE("lifecycle over gRPC: stale versions ABORTED, illegal actions FAILED_PRECONDITION",
          "[e2e]") {
  OwnService s;
  const std::string supervisor = s.Token("supervisor", "53");
  ex::OpenTicketRequest open;
  open.set_kind(common::TICKET_KIND_COMPLAINT);
  open.mutable_region()->set_code("5301");
  open.set_category("public-utilities/water");
  ex::OpenTicketResponse opened;
  REQUIRE(s.stub->OpenTicket(WithToken(supervisor).get(), open, &opened).ok());

  auto act = [&](ex::TicketAction action, int64_t version, ex::ApplyActionResponse* out) {
    ex::ApplyActionRequest request;
    request.set_ticket_id(opened.ticket().id());
    request.set_action(action);
    request.set_expected_version(version);
    return s.stub->ApplyAction(WithToken(supervisor).get(), request, out);
  };
  ex::ApplyActionResponse r;
  REQUIRE(act(ex::TICKET_ACTION_ACCEPT, 1, &r).ok());
  CHECK(r.ticket().state() == common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(act(ex::TICKET_ACTION_DISPATCH, 1, &r).error_code() == grpc::StatusCode::ABORTED);
  CHECK(act(ex::TICKET_ACTION_REPLY, 2, &r).error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(act(ex::TICKET_ACTION_DISPATCH, 2, &r).ok());
  CHECK(r.ticket().version() == 3);
}

TEST_CASE("metrics count RPCs by method and code, and events reach the consumer",
          "[e2e][metrics]") {
  OwnService s;
  const std::string token = s.Token("admin", "");
  REQUIRE(WhoAmI(s, token).ok());
  CHECK(WhoAmI(s, "wrong").error_code() == grpc::StatusCode::UNAUTHENTICATED);
  ex::OpenTicketRequest open;
  open.set_kind(common::TICKET_KIND_CONSULTATION);
  open.mutable_region()->set_code("150202");
  open.set_category("policy/consultation");
  for (int i = 0; i < 3; ++i) {
    ex::OpenTicketResponse response;
    REQUIRE(s.stub->OpenTicket(WithToken(token).get(), open, &response).ok());
  }

  const std::string method = "method=\"/hotline.example.v1.Example/WhoAmI\"";
  std::string text;
  REQUIRE(testing::PollUntil(absl::Seconds(10), [&] {
    text = testing::HttpGet(s.service.metrics_port(), "/metrics");
    return testing::Sample(text, "hotline_example_events_seen_total") == 3;
  }));
  CHECK(testing::Sample(text, "hotline_rpc_requests_total{code=\"OK\"," + method + "}") == 1);
  CHECK(testing::Sample(
            text, "hotline_rpc_requests_total{code=\"UNAUTHENTICATED\"," + method + "}") == 1);
  CHECK(testing::Sample(text, "hotline_rpc_duration_seconds_count{" + method + "}") == 2);
  CHECK(s.Count("SELECT count(*) FROM consumed_events WHERE consumer_group = 'example'") == 3);
}

TEST_CASE("health and reflection need no token, and SIGTERM drains and exits 0",
          "[e2e][lifecycle]") {
  OwnService s;
  auto health = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(s.service.address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  grpc::health::v1::HealthCheckResponse response;
  REQUIRE(health->Check(&context, {}, &response).ok());
  CHECK(response.status() == grpc::health::v1::HealthCheckResponse::SERVING);

  const std::string token = s.Token("supervisor", "53");
  ex::OpenTicketRequest open;
  open.set_kind(common::TICKET_KIND_SUGGESTION);
  open.mutable_region()->set_code("53");
  open.set_category("general/suggestion");
  for (int i = 0; i < 20; ++i) {
    ex::OpenTicketResponse opened;
    REQUIRE(s.stub->OpenTicket(WithToken(token).get(), open, &opened).ok());
  }
  // The embedded relay publishes the outbox while the service runs.
  CHECK(testing::PollUntil(absl::Seconds(10),
                           [&] { return s.Count("SELECT count(*) FROM outbox_pending") == 0; }));
  const int status = s.service.process().Stop(SIGTERM);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace hotline
