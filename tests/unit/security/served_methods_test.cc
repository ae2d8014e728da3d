// ServiceMain's start-up check: what a built server really serves, and which of its methods lack a
// line in the access tables.
#include "libs/service/served_methods.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "hotline/intake/v1/intake.grpc.pb.h"
#include "hotline/transfer/v1/transfer.grpc.pb.h"
#include "services/intake/api/intake_access.h"
#include "services/provincial-transfer/api/access.h"

namespace hotline::security {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST_CASE("a started server reports the services it serves", "[served_methods]") {
  hotline::intake::v1::Intake::Service intake;  // every method unimplemented: enough to serve
  grpc::ServerBuilder builder;
  builder.RegisterService(&intake);
  std::vector<std::string> served;
  builder.SetOption(service::ListServedServices(&served));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  REQUIRE(server != nullptr);
  CHECK(Contains(served, "hotline.intake.v1.Intake"));
  CHECK(service::MethodsWithoutRule(served, intake::IntakeAccess()).empty());
  server->Shutdown();
}

TEST_CASE("a served method without a line is named, health and reflection need none",
          "[served_methods]") {
  const service::AccessTable partial({{"/hotline.intake.v1.Intake/SubmitTicket",
                                       {hotline::common::v1::ROLE_FRONTEND},
                                       service::Scope::kOwnSubmissions}});
  const std::vector<std::string> missing =
      service::MethodsWithoutRule({"hotline.intake.v1.Intake", "grpc.health.v1.Health"}, partial);
  // Every Intake method but SubmitTicket.
  const google::protobuf::ServiceDescriptor* intake_service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          "hotline.intake.v1.Intake");
  REQUIRE(intake_service != nullptr);
  CHECK(static_cast<int>(missing.size()) == intake_service->method_count() - 1);
  CHECK(Contains(missing, "/hotline.intake.v1.Intake/GetTicket"));
  CHECK_FALSE(Contains(missing, "/hotline.intake.v1.Intake/SubmitTicket"));
  // The transfer table covers the peer port's service too; intake's does not.
  CHECK(
      service::MethodsWithoutRule({"hotline.transfer.v1.TransferPeer"}, transfer::TransferAccess())
          .empty());
  CHECK(service::MethodsWithoutRule({"hotline.transfer.v1.TransferPeer"}, intake::IntakeAccess())
            .size() == 3);
  CHECK(service::MethodsWithoutRule({"no.such.Service"}, partial) ==
        std::vector<std::string>{"/no.such.Service/*"});
}

TEST_CASE("a refusal at the door names the method, never the caller's data", "[served_methods]") {
  const service::AccessTable& table = intake::IntakeAccess();
  service::Principal unit{hotline::common::v1::ROLE_UNIT, "530102-education", "530102"};
  const absl::Status refused = table.Admit(unit, "/hotline.intake.v1.Intake/SubmitTicket", "53");
  CHECK(refused.code() == absl::StatusCode::kPermissionDenied);
  CHECK(refused.message() == "the unit role may not call SubmitTicket");
  service::Principal county{hotline::common::v1::ROLE_SUPERVISOR, "office-530102", "530102"};
  CHECK(table.Admit(county, "/hotline.intake.v1.Intake/UpsertCategory", "53").message() ==
        "UpsertCategory changes the whole instance: it needs a credential for all of 53, not only "
        "530102");
  CHECK(table.Admit(county, "/hotline.intake.v1.Intake/NoSuchRpc", "53").message() ==
        "NoSuchRpc has no access rule and is not served");
}

}  // namespace
}  // namespace hotline::security
