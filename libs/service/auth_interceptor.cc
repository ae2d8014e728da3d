#include "libs/service/auth_interceptor.h"

#include "absl/strings/match.h"
#include "libs/common/log.h"
#include "libs/service/grpc_status.h"

namespace hotline::service {

using grpc::experimental::InterceptionHookPoints;

absl::StatusOr<Principal> CallerRegistry::Of(const grpc::ServerContextBase* context) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(context);
  if (it == entries_.end()) return absl::UnauthenticatedError("call was not authenticated");
  it->second.consulted = true;
  return it->second.caller;
}

void CallerRegistry::Put(const grpc::ServerContextBase* context, absl::StatusOr<Principal> caller) {
  absl::MutexLock lock(&mu_);
  entries_[context] = Entry{std::move(caller), false};
}

bool CallerRegistry::Take(const grpc::ServerContextBase* context) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(context);
  if (it == entries_.end()) return false;
  const bool consulted = it->second.consulted;
  entries_.erase(it);
  return consulted;
}

bool IsPublicMethod(absl::string_view method) {
  return absl::StartsWith(method, "/grpc.health.v1.Health/") ||
         absl::StartsWith(method, "/grpc.reflection.");
}

namespace {

class AuthInterceptor : public grpc::experimental::Interceptor {
 public:
  AuthInterceptor(grpc::experimental::ServerRpcInfo* info, TokenAuthenticator& authenticator,
                  CallerRegistry& registry, CredentialLookups& lookups, RateLimitGate& gate,
                  const AccessTable& access, const std::string& instance_id)
      : info_(info),
        authenticator_(authenticator),
        registry_(registry),
        lookups_(lookups),
        gate_(gate),
        access_(access),
        instance_id_(instance_id) {}

  ~AuthInterceptor() override {
    if (registered_) registry_.Take(info_->server_context());
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::string_view header;
      auto* metadata = methods->GetRecvInitialMetadata();
      auto it = metadata->find("authorization");
      if (it != metadata->end()) header = std::string_view(it->second.data(), it->second.size());
      if (!IsCallback()) {
        Register(authenticator_.Authenticate(header));
      } else if (auto known = authenticator_.AuthenticateCached(header)) {
        Register(*std::move(known));
      } else {
        // The handler runs once the token is checked, on the lookup thread: gRPC lets an
        // interceptor proceed later, from any thread.
        lookups_.Authenticate(std::string(header),
                              [this, methods](absl::StatusOr<Principal> caller) {
                                Register(std::move(caller));
                                methods->Proceed();
                              });
        return;
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const bool consulted = registered_ && registry_.Take(info_->server_context());
      registered_ = false;
      if (!failure_.ok()) {
        methods->ModifySendStatus(ToGrpcStatus(failure_));
      } else if (!consulted && methods->GetSendStatus().ok()) {
        log::Error("handler did not check its caller", {{"method", info_->method()}});
        methods->ModifySendStatus(
            grpc::Status(grpc::StatusCode::INTERNAL, "internal error: caller not checked"));
      }
    }
    methods->Proceed();
  }

 private:
  bool IsCallback() const {
    return dynamic_cast<grpc::CallbackServerContext*>(info_->server_context()) != nullptr;
  }

  void Register(absl::StatusOr<Principal> caller) {
    if (caller.ok()) {
      // The handler then sees the refusal as its caller, and returns it without doing anything.
      if (absl::Status admitted = gate_.Admit(*caller); !admitted.ok()) caller = admitted;
    }
    // A method without a line is one this server does not serve (it refuses to start otherwise):
    // gRPC answers UNIMPLEMENTED, and a handler, were there one, would see a refusal.
    bool unserved = false;
    if (caller.ok()) {
      // The access table's roles and instance-wide rule: a refused call never reaches its use
      // case.
      if (!access_.Covers(info_->method())) {
        log::Warning("call of a method without an access rule", {{"method", info_->method()}});
        unserved = true;
      }
      if (absl::Status admitted = access_.Admit(*caller, info_->method(), instance_id_);
          !admitted.ok()) {
        caller = admitted;
      }
    }
    failure_ = caller.ok() || unserved ? absl::OkStatus() : caller.status();
    registry_.Put(info_->server_context(), std::move(caller));
    registered_ = true;
  }

  grpc::experimental::ServerRpcInfo* info_;
  TokenAuthenticator& authenticator_;
  CallerRegistry& registry_;
  CredentialLookups& lookups_;
  RateLimitGate& gate_;
  const AccessTable& access_;
  const std::string& instance_id_;
  absl::Status failure_;
  bool registered_ = false;
};

}  // namespace

grpc::experimental::Interceptor* AuthInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  if (IsPublicMethod(info->method())) return nullptr;
  return new AuthInterceptor(info, authenticator_, registry_, lookups_, gate_, access_,
                             instance_id_);
}

}  // namespace hotline::service
