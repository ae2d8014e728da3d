#pragma once

#include "absl/functional/function_ref.h"
#include "hotline/transfer/v1/transfer.grpc.pb.h"
#include "libs/service/auth_interceptor.h"
#include "services/provincial-transfer/app/delivery_steering.h"
#include "services/provincial-transfer/app/destinations.h"
#include "services/provincial-transfer/app/minor_push.h"
#include "services/provincial-transfer/app/minor_reports.h"
#include "services/provincial-transfer/app/topology_admin.h"

namespace hotline::transfer {

// What the Transfer RPCs call.
struct TransferUseCases {
  TopologyAdmin& topology;
  const Destinations& destinations;
  DeliverySteering& steering;
  MinorPushing& minor_push;
  const MinorReports& minor_reports;
};

// gRPC adapter of hotline.transfer.v1.Transfer (the token port): the caller from the token, the
// access table (access.cc), the request as the use case's structs, the result as the response.
class TransferService final : public v1::Transfer::Service {
 public:
  TransferService(const TransferUseCases& use_cases, service::CallerRegistry& callers)
      : use_cases_(use_cases), callers_(callers) {}

  using Context = grpc::ServerContext;
  grpc::Status UpsertPeer(Context*, const v1::UpsertPeerRequest*, v1::UpsertPeerResponse*) override;
  grpc::Status RemovePeer(Context*, const v1::RemovePeerRequest*, v1::RemovePeerResponse*) override;
  grpc::Status ListPeers(Context*, const v1::ListPeersRequest*, v1::ListPeersResponse*) override;
  grpc::Status SetPrefectureService(Context*, const v1::SetPrefectureServiceRequest*,
                                    v1::SetPrefectureServiceResponse*) override;
  grpc::Status ListPrefectures(Context*, const v1::ListPrefecturesRequest*,
                               v1::ListPrefecturesResponse*) override;
  grpc::Status ReloadPeers(Context*, const v1::ReloadPeersRequest*,
                           v1::ReloadPeersResponse*) override;
  grpc::Status ExplainDestination(Context*, const v1::ExplainDestinationRequest*,
                                  v1::ExplainDestinationResponse*) override;

  // Steering deliveries (transfer_steering.cc).
  grpc::Status ListPeerQueues(Context*, const v1::ListPeerQueuesRequest*,
                              v1::ListPeerQueuesResponse*) override;
  grpc::Status ListTicketDeliveries(Context*, const v1::ListTicketDeliveriesRequest*,
                                    v1::ListTicketDeliveriesResponse*) override;
  grpc::Status RetryDeliveries(Context*, const v1::RetryDeliveriesRequest*,
                               v1::RetryDeliveriesResponse*) override;
  grpc::Status ParkDelivery(Context*, const v1::ParkDeliveryRequest*,
                            v1::ParkDeliveryResponse*) override;
  grpc::Status CancelDelivery(Context*, const v1::CancelDeliveryRequest*,
                              v1::CancelDeliveryResponse*) override;

  // The monthly minor-protection figures (minor_report_rpcs.cc).
  grpc::Status PushMinorMonth(Context*, const v1::PushMinorMonthRequest*,
                              v1::PushMinorMonthResponse*) override;
  grpc::Status GetProvincialMinorReport(Context*, const v1::GetProvincialMinorReportRequest*,
                                        v1::GetProvincialMinorReportResponse*) override;
  grpc::Status ExportProvincialMinorReport(
      Context*, const v1::GetProvincialMinorReportRequest*,
      grpc::ServerWriter<v1::ExportProvincialMinorReportChunk>*) override;

 private:
  // Authenticates (the access table is enforced before), runs `body`, maps its status.
  grpc::Status Serve(Context* context,
                     absl::FunctionRef<absl::Status(const service::Principal&)> body);

  const TransferUseCases use_cases_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::transfer
