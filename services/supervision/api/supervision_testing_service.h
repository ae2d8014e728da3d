#pragma once

#include "hotline/supervision/v1/supervision_testing.grpc.pb.h"
#include "libs/common/clock.h"
#include "libs/service/auth_interceptor.h"

namespace hotline::supervision {

// gRPC adapter of hotline.supervision.v1.SupervisionTesting: tests move supervision's clock.
// main.cc registers it only under --controllable_clock.
class SupervisionTestingService final
    : public hotline::supervision::v1::SupervisionTesting::Service {
 public:
  SupervisionTestingService(OffsetClock& clock, service::CallerRegistry& callers)
      : clock_(clock), callers_(callers) {}

  grpc::Status SetClock(grpc::ServerContext* context, const v1::SetClockRequest* request,
                        v1::SetClockResponse* response) override;

 private:
  OffsetClock& clock_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::supervision
