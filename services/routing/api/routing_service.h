#pragma once

#include "absl/functional/function_ref.h"
#include "hotline/routing/v1/routing.grpc.pb.h"
#include "libs/service/auth_interceptor.h"
#include "services/routing/app/catalogue_admin.h"
#include "services/routing/app/directory_cache.h"
#include "services/routing/app/directory_import.h"
#include "services/routing/app/minor_grants.h"
#include "services/routing/app/objection_review.h"
#include "services/routing/app/office_actions.h"
#include "services/routing/app/unit_admin.h"
#include "services/routing/app/unit_inbox.h"
#include "services/routing/app/unit_workflow.h"

namespace hotline::routing {

// What the Routing RPCs call.
struct RoutingUseCases {
  UnitInbox& inbox;
  UnitWorkflow& units;
  OfficeActions& office;
  UnitAdmin& unit_admin;
  CatalogueAdmin& catalogue;
  DirectoryImporter& importer;
  DirectoryCache& directory;
  MinorGrants& grants;
  ObjectionReview& objections;
};

// gRPC adapter of hotline.routing.v1.Routing: the caller from the token, the access table
// (access.cc), the request as a use case's command, its result as the response. The RPCs are
// defined by subject: assignment_rpcs.cc, office_rpcs.cc, directory_rpcs.cc, grant_rpcs.cc,
// objection_rpcs.cc.
class RoutingService final : public hotline::routing::v1::Routing::Service {
 public:
  // `import_max_bytes`: the most an ImportDirectory stream may carry in all, since it is held
  // in memory until the whole import is checked.
  RoutingService(const RoutingUseCases& use_cases, service::CallerRegistry& callers,
                 int64_t import_max_bytes = kDefaultImportMaxBytes)
      : use_cases_(use_cases), callers_(callers), import_max_bytes_(import_max_bytes) {}
  // A province's whole directory (tens of thousands of units and rules) is tens of megabytes.
  static constexpr int64_t kDefaultImportMaxBytes = int64_t{256} << 20;

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
  grpc::Status RecordCallerContact(Context*, const v1::RecordCallerContactRequest*,
                                   v1::RecordCallerContactResponse*) override;
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
  grpc::Status GrantMinorDetails(Context*, const v1::GrantMinorDetailsRequest*,
                                 v1::GrantMinorDetailsResponse*) override;
  grpc::Status RevokeMinorDetails(Context*, const v1::RevokeMinorDetailsRequest*,
                                  v1::RevokeMinorDetailsResponse*) override;
  grpc::Status ListObjections(Context*, const v1::ListObjectionsRequest*,
                              v1::ListObjectionsResponse*) override;
  grpc::Status DecideObjection(Context*, const v1::DecideObjectionRequest*,
                               v1::DecideObjectionResponse*) override;
  grpc::Status DesignateUnit(Context*, const v1::DesignateUnitRequest*,
                             v1::DesignateUnitResponse*) override;
  grpc::Status SetObjectionWindow(Context*, const v1::SetObjectionWindowRequest*,
                                  v1::SetObjectionWindowResponse*) override;
  grpc::Status ListObjectionWindows(Context*, const v1::ListObjectionWindowsRequest*,
                                    v1::ListObjectionWindowsResponse*) override;

 private:
  // Authenticates (the access table is enforced before), runs `body`, maps its status.
  grpc::Status Serve(Context* context,
                     absl::FunctionRef<absl::Status(const service::Principal&)> body);

  const RoutingUseCases use_cases_;
  service::CallerRegistry& callers_;
  const int64_t import_max_bytes_;
};

}  // namespace hotline::routing
