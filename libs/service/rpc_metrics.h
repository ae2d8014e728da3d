#pragma once

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace hotline::service {

// Per-RPC metrics for every method of the server:
//   hotline_rpc_requests_total{method, code}   — calls by final status code
//   hotline_rpc_duration_seconds{method}       — latency histogram
// Labels are method names and code names only: nothing about the caller or the request.
class RpcMetricsInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(prometheus::Registry& registry);
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

  void Record(const std::string& method, int code, double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
  absl::Mutex mu_;
  // Family::Add takes a lock and builds label maps: cache the children per label set.
  absl::flat_hash_map<std::pair<std::string, int>, prometheus::Counter*> counters_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, prometheus::Histogram*> histograms_ ABSL_GUARDED_BY(mu_);
};

// "OK", "INVALID_ARGUMENT", … for a gRPC status code number.
const char* StatusCodeName(int code);

}  // namespace hotline::service
