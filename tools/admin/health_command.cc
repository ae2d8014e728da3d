// health: asks a server's grpc.health.v1 service, as Kubernetes probes and the launcher do.

#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/tls/client_flags.h"
#include "tools/admin/commands.h"

ABSL_FLAG(std::string, addr, "", "host:port of the gRPC server");
ABSL_FLAG(std::string, service, "", "health service name; empty = the whole server");
ABSL_FLAG(absl::Duration, wait, absl::ZeroDuration(),
          "keep asking until SERVING or this much time has passed");

namespace hotline::admin {

int HealthCommand() {
  const std::string addr = absl::GetFlag(FLAGS_addr);
  if (addr.empty()) {
    std::fprintf(stderr, "--addr is required\n");
    return 2;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      tls::Dial(addr, tls::ClientTlsFromFlags());
  if (!channel.ok()) {
    std::fprintf(stderr, "%s\n", std::string(channel.status().message()).c_str());
    return 2;
  }
  auto stub = grpc::health::v1::Health::NewStub(*channel);
  const absl::Time give_up = absl::Now() + absl::GetFlag(FLAGS_wait);
  std::string last = "no answer";
  do {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(absl::GetFlag(FLAGS_service));
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    if (status.ok()) {
      last = grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
      if (response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
        std::printf("%s\n", last.c_str());
        return 0;
      }
    } else {
      last = status.error_message();
    }
    if (absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(100));
  } while (absl::Now() < give_up);
  std::fprintf(stderr, "%s: %s\n", addr.c_str(), last.c_str());
  return 1;
}

}  // namespace hotline::admin
