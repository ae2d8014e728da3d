#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/service/access_table.h"
#include "libs/service/credential_lookups.h"
#include "libs/service/rate_limit_gate.h"
#include "libs/service/token_auth.h"

namespace hotline::service {

// The authenticated caller of each RPC in flight, filled in by the AuthInterceptor before the
// handler runs. A handler's first line is `auto caller = callers.Of(context);`.
class CallerRegistry {
 public:
  // The caller, or UNAUTHENTICATED as the interceptor found it.
  absl::StatusOr<Principal> Of(const grpc::ServerContextBase* context);

  // For the interceptor: record a call's caller, and remove it when the call ends (returning
  // whether the handler consulted it).
  void Put(const grpc::ServerContextBase* context, absl::StatusOr<Principal> caller);
  bool Take(const grpc::ServerContextBase* context);

 private:
  struct Entry {
    absl::StatusOr<Principal> caller;
    bool consulted = false;
  };

  absl::Mutex mu_;
  absl::flat_hash_map<const grpc::ServerContextBase*, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

// Authenticates every RPC (except health checks and reflection) from its bearer token. A call
// whose token fails ends UNAUTHENTICATED whatever the handler returns; a handler that never asked
// who called ends INTERNAL, so a forgotten check fails loudly in tests instead of serving data.
// A callback method's call whose token the cache does not know waits for `lookups` before its
// handler runs, rather than holding a callback thread; a synchronous method's thread
// is its own, and checks the token itself. An authenticated caller over its rate limit (`gate`)
// ends RESOURCE_EXHAUSTED, and one the access table (`access`, on instance `instance_id`) does not
// admit ends PERMISSION_DENIED, before its handler does any work.
class AuthInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  AuthInterceptorFactory(TokenAuthenticator& authenticator, CallerRegistry& registry,
                         CredentialLookups& lookups, RateLimitGate& gate, const AccessTable& access,
                         std::string instance_id)
      : authenticator_(authenticator),
        registry_(registry),
        lookups_(lookups),
        gate_(gate),
        access_(access),
        instance_id_(std::move(instance_id)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  TokenAuthenticator& authenticator_;
  CallerRegistry& registry_;
  CredentialLookups& lookups_;
  RateLimitGate& gate_;
  const AccessTable& access_;
  const std::string instance_id_;
};

// Methods anyone may call: load balancers and probes have no token.
bool IsPublicMethod(absl::string_view method);

}  // namespace hotline::service
