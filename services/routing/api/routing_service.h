#pragma once

#include "hotline/routing/v1/routing.grpc.pb.h"
#include "libs/service/auth_interceptor.h"
#include "services/routing/directory_admin.h"
#include "services/routing/office_actions.h"
#include "services/routing/unit_workflow.h"

namespace hotline::routing {

// gRPC adapter of hotline.routing.v1.Routing: the caller from the token, a use case, the status.
class RoutingService final : public hotline::routing::v1::Routing::Service {
 public:
  RoutingService(UnitWorkflow& units, OfficeActions& office, DirectoryAdmin& admin,
                 service::CallerRegistry& callers)
      : units_(units), office_(office), admin_(admin), callers_(callers) {}

  using Context = grpc::ServerContext;
  grpc::Status ListAssignments(Context*, const v1::ListAssignmentsRequest*,
                               v1::ListAssignmentsResponse*) override;
  grpc::Status GetAssignedTicket(Context*, const v1::GetAssignedTicketRequest*,
                                 v1::GetAssignedTicketResponse*) override;
  grpc::Status SignFor(Context*, const v1::SignForRequest*, v1::SignForResponse*) override;
  grpc::Status ReturnAssignment(Context*, const v1::ReturnAssignmentRequest*,
                                v1::ReturnAssignmentResponse*) override;
  grpc::Status SubmitReply(Context*, const v1::SubmitReplyRequest*,
                           v1::SubmitReplyResponse*) override;
  grpc::Status Reassign(Context*, const v1::ReassignRequest*, v1::ReassignResponse*) override;
  grpc::Status ListManualQueue(Context*, const v1::ListManualQueueRequest*,
                               v1::ListManualQueueResponse*) override;
  grpc::Status DispatchManually(Context*, const v1::DispatchManuallyRequest*,
                                v1::DispatchManuallyResponse*) override;
  grpc::Status ExplainRouting(Context*, const v1::ExplainRoutingRequest*,
                              v1::ExplainRoutingResponse*) override;
  grpc::Status UpsertUnit(Context*, const v1::UpsertUnitRequest*, v1::UpsertUnitResponse*) override;
  grpc::Status DeactivateUnit(Context*, const v1::DeactivateUnitRequest*,
                              v1::DeactivateUnitResponse*) override;
  grpc::Status GetUnit(Context*, const v1::GetUnitRequest*, v1::GetUnitResponse*) override;
  grpc::Status UpsertDepartmentType(Context*, const v1::UpsertDepartmentTypeRequest*,
                                    v1::UpsertDepartmentTypeResponse*) override;
  grpc::Status ListDepartmentTypes(Context*, const v1::ListDepartmentTypesRequest*,
                                   v1::ListDepartmentTypesResponse*) override;
  grpc::Status UpsertCatalogueRule(Context*, const v1::UpsertCatalogueRuleRequest*,
                                   v1::UpsertCatalogueRuleResponse*) override;
  grpc::Status DeactivateCatalogueRule(Context*, const v1::DeactivateCatalogueRuleRequest*,
                                       v1::DeactivateCatalogueRuleResponse*) override;
  grpc::Status ListCatalogueRules(Context*, const v1::ListCatalogueRulesRequest*,
                                  v1::ListCatalogueRulesResponse*) override;
  grpc::Status GetDirectoryStatus(Context*, const v1::GetDirectoryStatusRequest*,
                                  v1::GetDirectoryStatusResponse*) override;
  grpc::Status ImportDirectory(Context*, grpc::ServerReader<v1::ImportDirectoryChunk>*,
                               v1::ImportDirectoryResponse*) override;

 private:
  UnitWorkflow& units_;
  OfficeActions& office_;
  DirectoryAdmin& admin_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::routing
