#include "services/supervision/api/supervision_testing_service.h"

#include "libs/common/proto_time.h"
#include "libs/service/rpc_handler.h"
#include "services/supervision/api/access.h"

namespace hotline::supervision {

grpc::Status SupervisionTestingService::SetClock(grpc::ServerContext* context,
                                                 const v1::SetClockRequest* request,
                                                 v1::SetClockResponse*) {
  return service::HandleRpc(callers_, context,
                            [&](const service::Principal& caller) -> absl::Status {
                              clock_.Set(FromTimestamp(request->now()));
                              return absl::OkStatus();
                            });
}

}  // namespace hotline::supervision
