#include "libs/service/rpc_metrics.h"

#include <chrono>

namespace hotline::service {

using grpc::experimental::InterceptionHookPoints;

const char* StatusCodeName(int code) {
  static const char* const kNames[] = {"OK",
                                       "CANCELLED",
                                       "UNKNOWN",
                                       "INVALID_ARGUMENT",
                                       "DEADLINE_EXCEEDED",
                                       "NOT_FOUND",
                                       "ALREADY_EXISTS",
                                       "PERMISSION_DENIED",
                                       "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION",
                                       "ABORTED",
                                       "OUT_OF_RANGE",
                                       "UNIMPLEMENTED",
                                       "INTERNAL",
                                       "UNAVAILABLE",
                                       "DATA_LOSS",
                                       "UNAUTHENTICATED"};
  if (code < 0 || code > 16) return "UNKNOWN";
  return kNames[code];
}

namespace {

class RpcMetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(std::string method, RpcMetricsInterceptorFactory& factory)
      : method_(std::move(method)), factory_(factory), start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
      factory_.Record(method_, methods->GetSendStatus().error_code(), elapsed.count());
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  RpcMetricsInterceptorFactory& factory_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

RpcMetricsInterceptorFactory::RpcMetricsInterceptorFactory(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("hotline_rpc_requests_total")
                    .Help("RPCs handled, by method and status code")
                    .Register(registry)),
      durations_(prometheus::BuildHistogram()
                     .Name("hotline_rpc_duration_seconds")
                     .Help("RPC latency from first metadata to status, by method")
                     .Register(registry)) {}

grpc::experimental::Interceptor* RpcMetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcMetricsInterceptor(info->method(), *this);
}

void RpcMetricsInterceptorFactory::Record(const std::string& method, int code, double seconds) {
  prometheus::Counter* counter;
  prometheus::Histogram* histogram;
  {
    absl::MutexLock lock(&mu_);
    auto& c = counters_[{method, code}];
    if (c == nullptr) c = &requests_.Add({{"method", method}, {"code", StatusCodeName(code)}});
    counter = c;
    auto& h = histograms_[method];
    if (h == nullptr) {
      h = &durations_.Add({{"method", method}}, prometheus::Histogram::BucketBoundaries{
                                                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                    0.1, 0.25, 0.5, 1, 2.5, 5, 10});
    }
    histogram = h;
  }
  counter->Increment();
  histogram->Observe(seconds);
}

}  // namespace hotline::service
