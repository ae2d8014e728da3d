#include "libs/service/service_main.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <prometheus/exposer.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/log.h"
#include "libs/events/outbox_relay.h"
#include "libs/pg/migrator.h"
#include "libs/service/credential_lookups.h"
#include "libs/service/rate_limit_gate.h"
#include "libs/service/rpc_metrics.h"
#include "libs/service/served_methods.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/ticket_core_maintenance.h"
#include "libs/tls/tls_credentials.h"

namespace hotline::service {
namespace {

[[noreturn]] void Fatal(const std::string& what, const std::string& detail = "") {
  log::Error(what, {{"detail", detail}});
  std::fprintf(stderr, "fatal: %s%s%s\n", what.c_str(), detail.empty() ? "" : ": ", detail.c_str());
  std::exit(1);
}

sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

std::shared_ptr<grpc::ServerCredentials> Credentials(const ServiceConfig& c) {
  if (c.tls_cert.empty()) return grpc::InsecureServerCredentials();
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      tls::ServerCredentials({c.tls_cert, c.tls_key, c.tls_client_ca});
  if (!credentials.ok()) Fatal("cannot serve TLS", std::string(credentials.status().message()));
  return *std::move(credentials);
}

void WriteReadyFile(const std::string& path, int grpc_port, int metrics_port,
                    const std::vector<std::pair<std::string, int>>& extra_ports) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "GRPC_PORT=" << grpc_port << "\nMETRICS_PORT=" << metrics_port << "\n";
    for (const auto& [name, port] : extra_ports) out << name << "_PORT=" << port << "\n";
    if (!out) Fatal("cannot write ready file", path);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) Fatal("cannot write ready file", path);
}

// Fatal unless every method `server_name` serves has a line in `access`.
void RequireAccessRules(const std::string& server_name, const std::vector<std::string>& served,
                        const AccessTable& access) {
  std::vector<std::string> missing = MethodsWithoutRule(served, access);
  if (missing.empty()) return;
  for (const std::string& method : missing) {
    log::Error("served method has no access rule", {{"method", method}});
  }
  Fatal(absl::StrCat("the ", server_name, " serves methods without an access rule"),
        absl::StrJoin(missing, ", "));
}

}  // namespace

ServiceMain::ServiceMain(ServiceSpec spec, int argc, char** argv) : spec_(std::move(spec)) {
  // Block the shutdown signals before any thread starts, so only Run() receives them.
  sigset_t signals = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  config_ = LoadServiceConfig(spec_, argc, argv);
  log::Configure(spec_.name, config_.log_level);
  if (!absl::LoadTimeZone(config_.time_zone, &zone_)) {
    Fatal("cannot load time zone (is tzdata installed?)", config_.time_zone);
  }
  if (config_.migrate_on_start) {
    absl::Status migrated = pg::ApplyMigrations(config_.pg_url, pg::EmbeddedMigrations());
    if (!migrated.ok()) Fatal("database migration failed", migrated.ToString());
  } else {
    absl::Status migrated = pg::CheckMigrated(config_.pg_url, pg::EmbeddedMigrations());
    if (!migrated.ok()) Fatal("the database schema is not this release's", migrated.ToString());
  }
  pool_ = std::make_unique<pg::PgPool>(
      pg::PgPoolOptions{.url = config_.pg_url,
                        .size = config_.pg_pool_size,
                        .application_name = absl::StrCat("hotline-", spec_.name)});
  transactions_ = std::make_unique<pg::PgTransactionRunner>(*pool_);
  absl::StatusOr<int> partitions = ticketstore::LoadStreamPartitions(*pool_);
  if (!partitions.ok())
    Fatal("cannot read the event stream configuration", partitions.status().ToString());
  partitions_ = *partitions;
  absl::StatusOr<std::unique_ptr<crypto::FieldCipher>> cipher =
      crypto::FieldCipher::FromFile(config_.data_keys);
  if (!cipher.ok()) Fatal("cannot load the data keys", cipher.status().ToString());
  cipher_ = *std::move(cipher);
  tickets_ = std::make_unique<ticketstore::PgTicketStore>(
      ticketstore::TicketStoreOptions{config_.instance_id, zone_, partitions_}, *cipher_, clock());
  registry_ = std::make_shared<prometheus::Registry>();
  const size_t cache_entries = static_cast<size_t>(config_.auth_cache_entries);
  authenticator_ = std::make_unique<TokenAuthenticator>(
      *pool_, config_.auth_cache_ttl, clock(),
      TokenCache::Limits{.max_accepted = cache_entries, .max_refused = cache_entries});
}

ServiceMain::~ServiceMain() = default;

void ServiceMain::AddService(grpc::Service* service, const AccessTable& access) {
  services_.push_back(service);
  access_.Add(access);
}

void ServiceMain::AddListener(ExtraListener listener) { listeners_.push_back(std::move(listener)); }

void ServiceMain::AddConsumer(const std::string& group, events::EventConsumer::Handler handler,
                              ConsumerSpec spec) {
  const int threads = std::clamp(spec.threads, 1, partitions_);
  for (int t = 0; t < threads; ++t) {
    events::EventConsumerOptions options;
    options.redis_url = config_.redis_url;
    options.stream_prefix = config_.stream_prefix;
    options.partitions = partitions_;
    options.group = group;
    options.consumer = config_.consumer_name;
    if (threads > 1) {
      absl::StrAppend(&options.consumer, "-", t);
      for (int p = t; p < partitions_; p += threads) options.only_partitions.push_back(p);
    }
    options.wants = spec.wants;
    options.batch_handler = spec.batch;
    consumers_.push_back(
        std::make_unique<events::EventConsumer>(options, *pool_, handler, registry_.get()));
  }
}

int ServiceMain::Run() {
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(
        absl::StrCat(config_.listen_host, ":", config_.metrics_port));
  } catch (const std::exception& e) {
    Fatal("cannot serve /metrics", e.what());
  }
  exposer->RegisterCollectable(registry_);

  // Before the server: its shutdown waits for the calls whose tokens are being checked.
  CredentialLookups lookups(*authenticator_, registry_.get());

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int grpc_port = 0;
  builder.AddListeningPort(absl::StrCat(config_.listen_host, ":", config_.grpc_port),
                           Credentials(config_), &grpc_port);
  grpc::ResourceQuota quota(absl::StrCat("hotline-", spec_.name));
  quota.SetMaxThreads(config_.max_rpc_threads);
  builder.SetResourceQuota(quota);
  builder.SetMaxReceiveMessageSize(config_.max_receive_message_bytes);
  RateLimitGate rate_limits(*ParseRateLimits(config_.rate_limits), spec_.name, *registry_, clock());
  for (grpc::Service* service : services_) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  // Auth first, so the metrics see the status the caller finally gets.
  interceptors.push_back(std::make_unique<AuthInterceptorFactory>(
      *authenticator_, callers_, lookups, rate_limits, access_, config_.instance_id));
  interceptors.push_back(std::make_unique<RpcMetricsInterceptorFactory>(*registry_));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::vector<std::string> served;
  builder.SetOption(ListServedServices(&served));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || grpc_port == 0) {
    Fatal("cannot start the gRPC server",
          absl::StrCat(config_.listen_host, ":", config_.grpc_port, " (port in use?)"));
  }
  RequireAccessRules("gRPC server", served, access_);

  std::vector<std::unique_ptr<grpc::Server>> extra_servers;
  std::vector<std::pair<std::string, int>> extra_ports;
  for (ExtraListener& listener : listeners_) {
    grpc::ServerBuilder extra;
    int port = 0;
    extra.AddListeningPort(absl::StrCat(config_.listen_host, ":", listener.port),
                           listener.credentials, &port);
    extra.SetResourceQuota(quota);
    extra.SetMaxReceiveMessageSize(config_.max_receive_message_bytes);
    for (grpc::Service* service : listener.services) extra.RegisterService(service);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> metrics;
    metrics.push_back(std::make_unique<RpcMetricsInterceptorFactory>(*registry_));
    extra.experimental().SetInterceptorCreators(std::move(metrics));
    std::vector<std::string> extra_served;
    extra.SetOption(ListServedServices(&extra_served));
    std::unique_ptr<grpc::Server> started = extra.BuildAndStart();
    if (started == nullptr || port == 0) {
      Fatal(absl::StrCat("cannot start the ", listener.name, " listener"),
            absl::StrCat(config_.listen_host, ":", listener.port, " (port in use?)"));
    }
    RequireAccessRules(absl::StrCat(listener.name, " listener"), extra_served, access_);
    extra_ports.push_back({listener.name, port});
    extra_servers.push_back(std::move(started));
  }

  std::unique_ptr<events::OutboxRelay> relay;
  if (config_.run_relay) {
    events::OutboxRelayOptions options;
    options.pg_url = config_.pg_url;
    options.redis_url = config_.redis_url;
    options.stream_prefix = config_.stream_prefix;
    options.partitions = partitions_;
    options.busy_poll = config_.relay_busy_poll;
    relay = std::make_unique<events::OutboxRelay>(options, registry_.get());
    relay->Start();
  }
  std::unique_ptr<ticketstore::TicketCoreMaintenance> maintenance;
  if (config_.run_maintenance) {
    maintenance = std::make_unique<ticketstore::TicketCoreMaintenance>(
        *pool_, *cipher_, config_.maintenance_every, config_.keys_reload_every,
        config_.anonymise_after);
    maintenance->Start();
  }
  for (auto& consumer : consumers_) consumer->Start();

  const int metrics_port = exposer->GetListeningPorts().front();
  if (!config_.ready_file.empty()) {
    WriteReadyFile(config_.ready_file, grpc_port, metrics_port, extra_ports);
  }
  log::Info("serving", {{"grpc_port", grpc_port},
                        {"metrics_port", metrics_port},
                        {"instance", config_.instance_id},
                        {"tls", !config_.tls_cert.empty()}});

  sigset_t signals = ShutdownSignals();
  int signal = 0;
  sigwait(&signals, &signal);
  log::Info("shutting down", {{"signal", signal}});

  server->GetHealthCheckService()->SetServingStatus(false);
  const auto deadline = absl::ToChronoTime(absl::Now() + config_.shutdown_grace);
  for (auto& extra : extra_servers) extra->Shutdown(deadline);
  server->Shutdown(deadline);
  for (auto& consumer : consumers_) consumer->Stop();
  if (relay != nullptr) relay->Stop();  // finishes the batch in flight
  if (maintenance != nullptr) maintenance->Stop();
  log::Info("stopped");
  return 0;
}

}  // namespace hotline::service
