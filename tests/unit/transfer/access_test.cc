// The transfer API's access table, and this instance's role from its flags.
#include "services/provincial-transfer/api/access.h"

#include <catch2/catch.hpp>

#include "services/provincial-transfer/app/instance_role_flag.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

service::Principal Caller(common::Role role) {
  service::Principal p;
  p.role = role;
  p.name = "someone";
  p.jurisdiction = "53";
  return p;
}

absl::Status Admit(const char* method, const service::Principal& caller) {
  return TransferAccess().Admit(caller, std::string("/hotline.transfer.v1.Transfer/") + method,
                                "53");
}

TEST_CASE("The provincial minors' report is the office's and statistics', a push the operators'",
          "[access]") {
  for (const char* rpc : {"GetProvincialMinorReport", "ExportProvincialMinorReport"}) {
    CHECK(Admit(rpc, Caller(common::ROLE_SUPERVISOR)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_REPORTING)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_UNIT)).code() == absl::StatusCode::kPermissionDenied);
    CHECK(Admit(rpc, Caller(common::ROLE_FRONTEND)).code() == absl::StatusCode::kPermissionDenied);
    CHECK(Admit(rpc, Caller(common::ROLE_ADMIN)).code() == absl::StatusCode::kPermissionDenied);
  }
  CHECK(Admit("PushMinorMonth", Caller(common::ROLE_ADMIN)).ok());
  CHECK(Admit("PushMinorMonth", Caller(common::ROLE_REPORTING)).code() ==
        absl::StatusCode::kPermissionDenied);
  // Pushing again is an operator's action on the whole instance, never a county's.
  service::Principal county_admin = Caller(common::ROLE_ADMIN);
  county_admin.jurisdiction = "530102";
  CHECK(Admit("PushMinorMonth", county_admin).code() == absl::StatusCode::kPermissionDenied);
}

TEST_CASE("Operators edit the topology, the office reads it, nobody else", "[access]") {
  for (const char* rpc : {"UpsertPeer", "RemovePeer", "SetPrefectureService", "ReloadPeers"}) {
    CHECK(Admit(rpc, Caller(common::ROLE_ADMIN)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_SUPERVISOR)).code() ==
          absl::StatusCode::kPermissionDenied);
  }
  for (const char* rpc : {"ListPeers", "ListPrefectures", "ExplainDestination"}) {
    CHECK(Admit(rpc, Caller(common::ROLE_ADMIN)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_SUPERVISOR)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_FRONTEND)).code() == absl::StatusCode::kPermissionDenied);
  }
  // Steering deliveries: operators and the office, instance-wide; a unit or a front end never.
  for (const char* rpc : {"ListPeerQueues", "ListTicketDeliveries", "RetryDeliveries",
                          "ParkDelivery", "CancelDelivery"}) {
    CHECK(Admit(rpc, Caller(common::ROLE_ADMIN)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_SUPERVISOR)).ok());
    CHECK(Admit(rpc, Caller(common::ROLE_FRONTEND)).code() == absl::StatusCode::kPermissionDenied);
    CHECK(Admit(rpc, Caller(common::ROLE_UNIT)).code() == absl::StatusCode::kPermissionDenied);
  }
  // A peer instance's token opens nothing: peers talk on the mTLS port only.
  CHECK_FALSE(Admit("ListPeers", Caller(common::ROLE_PROVINCE)).ok());
  CHECK_FALSE(
      TransferAccess()
          .Admit(Caller(common::ROLE_ADMIN), "/hotline.transfer.v1.TransferPeer/Deliver", "53")
          .ok());
}

TEST_CASE("The instance's role comes from its code unless given", "[access]") {
  CHECK(SelfFromFlags("53", "")->role == InstanceRole::kProvince);
  CHECK(SelfFromFlags("5301", "")->role == InstanceRole::kPrefecture);
  CHECK(SelfFromFlags("530302", "industry_line")->role == InstanceRole::kIndustryLine);
  CHECK(SelfFromFlags("530302", "").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(SelfFromFlags("53", "capital").status().message() ==
        "--instance_role must be province, prefecture, industry_line or national, not 'capital'");
}

}  // namespace
}  // namespace hotline::transfer
