#include "services/provincial-transfer/api/access.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;
constexpr common::Role kOffice = common::ROLE_SUPERVISOR;
constexpr common::Role kAdmin = common::ROLE_ADMIN;
constexpr common::Role kNone = common::ROLE_UNSPECIFIED;

constexpr char kAdminOnly[] = "the topology is edited by operators (admin role)";
constexpr char kOfficeAndAdmin[] = "for operators and the hotline office";

struct RpcAccess {
  const char* rpc;
  common::Role roles[2];  // kNone fills the unused place
  const char* scope;
  const char* denied;
};

// Who may call what. The README's RPC table says the same.
constexpr RpcAccess kAccess[] = {
    {"UpsertPeer", {kAdmin, kNone}, "all", kAdminOnly},
    {"RemovePeer", {kAdmin, kNone}, "all", kAdminOnly},
    {"SetPrefectureService", {kAdmin, kNone}, "all", kAdminOnly},
    {"ReloadPeers", {kAdmin, kNone}, "all", kAdminOnly},
    {"ListPeers", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"ListPrefectures", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"ExplainDestination", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"ListPeerQueues", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"ListTicketDeliveries", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"RetryDeliveries", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"ParkDelivery", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
    {"CancelDelivery", {kAdmin, kOffice}, "all", kOfficeAndAdmin},
};

}  // namespace

absl::Status RequireAccess(absl::string_view rpc, const service::Principal& caller) {
  for (const RpcAccess& access : kAccess) {
    if (rpc != access.rpc) continue;
    for (common::Role role : access.roles) {
      if (role != kNone && role == caller.role) return absl::OkStatus();
    }
    return absl::PermissionDeniedError(access.denied);
  }
  return absl::PermissionDeniedError("no access rule for this call");
}

}  // namespace hotline::transfer
