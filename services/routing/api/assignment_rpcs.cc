#include "services/routing/routing_service.h"

#include "libs/service/rpc_handler.h"

namespace hotline::routing {

using service::FillResponse;
using service::HandleRpc;
using service::Principal;

namespace {

// A whole import is at most this many chunks (the client sends a few thousand rows in each).
constexpr size_t kMaxImportChunks = 100000;

}  // namespace

grpc::Status RoutingService::ListAssignments(Context* context,
                                             const v1::ListAssignmentsRequest* request,
                                             v1::ListAssignmentsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(units_.List(caller, *request), response);
  });
}

grpc::Status RoutingService::GetAssignedTicket(Context* context,
                                               const v1::GetAssignedTicketRequest* request,
                                               v1::GetAssignedTicketResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(units_.GetAssignedTicket(caller, *request), response);
  });
}

grpc::Status RoutingService::SignFor(Context* context, const v1::SignForRequest* request,
                                     v1::SignForResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(units_.SignFor(caller, *request), response);
  });
}

grpc::Status RoutingService::ReturnAssignment(Context* context,
                                              const v1::ReturnAssignmentRequest* request,
                                              v1::ReturnAssignmentResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(units_.Return(caller, *request), response);
  });
}

grpc::Status RoutingService::SubmitReply(Context* context, const v1::SubmitReplyRequest* request,
                                         v1::SubmitReplyResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(units_.Reply(caller, *request), response);
  });
}

grpc::Status RoutingService::Reassign(Context* context, const v1::ReassignRequest* request,
                                      v1::ReassignResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.Reassign(caller, *request), response);
  });
}

grpc::Status RoutingService::ListManualQueue(Context* context,
                                             const v1::ListManualQueueRequest* request,
                                             v1::ListManualQueueResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.ListManualQueue(caller, *request), response);
  });
}

grpc::Status RoutingService::DispatchManually(Context* context,
                                              const v1::DispatchManuallyRequest* request,
                                              v1::DispatchManuallyResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.DispatchManually(caller, *request), response);
  });
}

grpc::Status RoutingService::ExplainRouting(Context* context,
                                            const v1::ExplainRoutingRequest* request,
                                            v1::ExplainRoutingResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.Explain(caller, *request), response);
  });
}

grpc::Status RoutingService::UpsertUnit(Context* context, const v1::UpsertUnitRequest* request,
                                        v1::UpsertUnitResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.UpsertUnit(caller, *request), response);
  });
}

grpc::Status RoutingService::DeactivateUnit(Context* context,
                                            const v1::DeactivateUnitRequest* request,
                                            v1::DeactivateUnitResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.DeactivateUnit(caller, *request), response);
  });
}

grpc::Status RoutingService::GetUnit(Context* context, const v1::GetUnitRequest* request,
                                     v1::GetUnitResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.GetUnit(caller, *request), response);
  });
}

grpc::Status RoutingService::UpsertDepartmentType(Context* context,
                                                  const v1::UpsertDepartmentTypeRequest* request,
                                                  v1::UpsertDepartmentTypeResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.UpsertDepartmentType(caller, *request), response);
  });
}

grpc::Status RoutingService::ListDepartmentTypes(Context* context,
                                                 const v1::ListDepartmentTypesRequest* request,
                                                 v1::ListDepartmentTypesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.ListDepartmentTypes(caller), response);
  });
}

grpc::Status RoutingService::UpsertCatalogueRule(Context* context,
                                                 const v1::UpsertCatalogueRuleRequest* request,
                                                 v1::UpsertCatalogueRuleResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.UpsertRule(caller, *request), response);
  });
}

grpc::Status RoutingService::DeactivateCatalogueRule(
    Context* context, const v1::DeactivateCatalogueRuleRequest* request,
    v1::DeactivateCatalogueRuleResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.DeactivateRule(caller, *request), response);
  });
}

grpc::Status RoutingService::ListCatalogueRules(Context* context,
                                                const v1::ListCatalogueRulesRequest* request,
                                                v1::ListCatalogueRulesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.ListRules(caller, *request), response);
  });
}

grpc::Status RoutingService::GetDirectoryStatus(Context* context,
                                                const v1::GetDirectoryStatusRequest* request,
                                                v1::GetDirectoryStatusResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.Status(caller), response);
  });
}

grpc::Status RoutingService::ImportDirectory(Context* context,
                                             grpc::ServerReader<v1::ImportDirectoryChunk>* reader,
                                             v1::ImportDirectoryResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (caller.role != hotline::common::v1::ROLE_ADMIN) {
      return absl::PermissionDeniedError("the directory is edited by operators (admin role)");
    }
    std::vector<v1::ImportDirectoryChunk> chunks;
    v1::ImportDirectoryChunk chunk;
    while (reader->Read(&chunk)) {
      if (chunks.size() == kMaxImportChunks) {
        return absl::ResourceExhaustedError("too many chunks; send more rows in each");
      }
      chunks.push_back(std::move(chunk));
      chunk.Clear();
    }
    return FillResponse(admin_.Import(caller, chunks), response);
  });
}

}  // namespace hotline::routing
