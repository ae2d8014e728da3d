#include "libs/service/served_methods.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/impl/server_initializer.h>

#include "absl/strings/str_cat.h"
#include "libs/service/auth_interceptor.h"

namespace hotline::service {
namespace {

class ServiceListPlugin : public grpc::ServerBuilderPlugin {
 public:
  explicit ServiceListPlugin(std::vector<std::string>* services) : services_(services) {}
  std::string name() override { return "hotline_service_list"; }
  void InitServer(grpc::ServerInitializer*) override {}
  // Called after every service (reflection's too) is registered and the server has started.
  void Finish(grpc::ServerInitializer* initializer) override {
    *services_ = *initializer->GetServiceList();
  }
  void ChangeArguments(const std::string&, void*) override {}

 private:
  std::vector<std::string>* services_;
};

class ServiceListOption : public grpc::ServerBuilderOption {
 public:
  explicit ServiceListOption(std::vector<std::string>* services) : services_(services) {}
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->push_back(std::make_unique<ServiceListPlugin>(services_));
  }

 private:
  std::vector<std::string>* services_;
};

}  // namespace

std::unique_ptr<grpc::ServerBuilderOption> ListServedServices(std::vector<std::string>* services) {
  return std::make_unique<ServiceListOption>(services);
}

std::vector<std::string> MethodsWithoutRule(const std::vector<std::string>& services,
                                            const AccessTable& table) {
  std::vector<std::string> missing;
  for (const std::string& name : services) {
    if (IsPublicMethod(absl::StrCat("/", name, "/"))) continue;
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) {
      missing.push_back(absl::StrCat("/", name, "/*"));
      continue;
    }
    for (int i = 0; i < service->method_count(); ++i) {
      std::string method = absl::StrCat("/", name, "/", service->method(i)->name());
      if (!table.Covers(method)) missing.push_back(std::move(method));
    }
  }
  return missing;
}

}  // namespace hotline::service
