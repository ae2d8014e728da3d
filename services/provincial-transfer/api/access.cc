#include "services/provincial-transfer/api/access.h"

namespace hotline::transfer {

const service::AccessTable& TransferAccess() {
  namespace common = hotline::common::v1;
  using service::Scope;
  constexpr common::Role kOffice = common::ROLE_SUPERVISOR, kAdmin = common::ROLE_ADMIN,
                         kReporting = common::ROLE_REPORTING;
  constexpr char kRpc[] = "/hotline.transfer.v1.Transfer/";
  constexpr char kPeerRpc[] = "/hotline.transfer.v1.TransferPeer/";
  auto rpc = [&](const char* method) { return std::string(kRpc) + method; };
  auto peer = [&](const char* method) { return std::string(kPeerRpc) + method; };
  static const service::AccessTable table({
      {rpc("UpsertPeer"), {kAdmin}, Scope::kInstanceWide},
      {rpc("RemovePeer"), {kAdmin}, Scope::kInstanceWide},
      {rpc("SetPrefectureService"), {kAdmin}, Scope::kInstanceWide},
      {rpc("ReloadPeers"), {kAdmin}, Scope::kInstanceWide},
      {rpc("ListPeers"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("ListPrefectures"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("ExplainDestination"), {kAdmin, kOffice}, Scope::kReference},
      // Delivery states carry no personal data; steering them is the instance's operators' and
      // office's, never a county's.
      {rpc("ListPeerQueues"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("ListTicketDeliveries"), {kAdmin, kOffice}, Scope::kReference},
      {rpc("RetryDeliveries"), {kAdmin, kOffice}, Scope::kInstanceWide},
      {rpc("ParkDelivery"), {kAdmin, kOffice}, Scope::kInstanceWide},
      {rpc("CancelDelivery"), {kAdmin, kOffice}, Scope::kInstanceWide},
      // Monthly minor-protection figures: a prefecture's operators push a month now; the
      // province's office and statistics consumers read the consolidated figures (no personal
      // data; small counts withheld as each prefecture's reporting delivered them).
      {rpc("PushMinorMonth"), {kAdmin}, Scope::kInstanceWide},
      {rpc("GetProvincialMinorReport"), {kOffice, kReporting}, Scope::kReference},
      {rpc("ExportProvincialMinorReport"), {kOffice, kReporting}, Scope::kReference},
      {peer("Deliver"), {}, Scope::kPeer},
      {peer("PullUpdates"), {}, Scope::kPeer},
      {peer("DeliverMinorFigures"), {}, Scope::kPeer},
  });
  return table;
}

}  // namespace hotline::transfer
