// The flags every service shares. Each can be set as HOTLINE_<NAME> in the environment.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "libs/common/mutex_mode.h"
#include "libs/domain/region_code.h"
#include "libs/events/outbox_relay.h"
#include "libs/service/env_flags.h"
#include "libs/service/listen_policy.h"
#include "libs/service/rate_limiter.h"
#include "libs/service/service_config.h"

ABSL_FLAG(std::string, listen_host, "127.0.0.1",
          "Address the gRPC and metrics servers bind (0.0.0.0 in containers)");
ABSL_FLAG(int, grpc_port, -1, "gRPC port; -1 = the service's default, 0 = any free port");
ABSL_FLAG(int, metrics_port, -1, "Prometheus /metrics port; -1 = default, 0 = any free port");
ABSL_FLAG(std::string, ready_file, "",
          "Once serving, write GRPC_PORT=… and METRICS_PORT=… here (for launchers)");
ABSL_FLAG(std::string, tls_cert, "", "PEM server certificate; empty = plaintext (loopback only)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key for --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle; when set, clients must present a certificate it signed (mTLS)");
ABSL_FLAG(bool, allow_plaintext_listen, false,
          "Serve plaintext gRPC on a non-loopback --listen_host (only where a service mesh "
          "encrypts the traffic); without it such a start fails");
ABSL_FLAG(int, max_rpc_threads, 256,
          "Upper bound on gRPC handler threads (they mostly wait on the database pool); calls "
          "beyond it get RESOURCE_EXHAUSTED");
ABSL_FLAG(int, max_receive_message_bytes, 4 << 20,
          "Largest request message the gRPC server accepts; larger ones end RESOURCE_EXHAUSTED");
ABSL_FLAG(std::string, pg_url, "", "PostgreSQL URL, e.g. postgresql://hotline@127.0.0.1/hotline");
ABSL_FLAG(int, pg_pool_size, 16, "PostgreSQL connections in the pool");
ABSL_FLAG(bool, migrate_on_start, true,
          "Apply pending schema migrations at start (off: only check the schema is this "
          "release's, as a login that owns no table must)");
ABSL_FLAG(std::string, redis_url, "",
          "Redis URL for the event stream, e.g. redis://127.0.0.1:6379");
ABSL_FLAG(std::string, stream_prefix, "hotline:events",
          "Key prefix of the event stream partitions");
ABSL_FLAG(bool, run_relay, true, "Publish the outbox to the stream from this process too");
ABSL_FLAG(bool, run_maintenance, true,
          "Run the ticket core's housekeeping (partitions ahead, consumed-event pruning) from this "
          "process too; one replica at a time does it");
ABSL_FLAG(absl::Duration, maintenance_every, absl::Hours(1), "How often housekeeping runs");
ABSL_FLAG(absl::Duration, relay_busy_poll, hotline::events::OutboxRelayOptions{}.busy_poll,
          "The outbox relay's wait after a pass that published something");
ABSL_FLAG(std::string, consumer_name, "",
          "This replica's name in its consumer groups; keep it stable across restarts so a "
          "restarted replica takes back its own pending events. Default: <service>-<hostname>");
ABSL_FLAG(std::string, instance_id, "53",
          "Division code of this instance (53 = Yunnan provincial platform, 5301 = Kunming)");
ABSL_FLAG(std::string, time_zone, "Asia/Shanghai", "Zone of service days and working time");
ABSL_FLAG(absl::Duration, auth_cache_ttl, absl::Seconds(10),
          "How long a token check is cached; a revocation takes effect within it");
ABSL_FLAG(int, auth_cache_entries, 20000,
          "Token checks cached, for accepted and for refused tokens each; the least recently "
          "used goes first, and refused tokens never push out accepted ones");
ABSL_FLAG(std::string, rate_limits, "",
          "Per-credential rate limits overriding the defaults, as role=calls_per_second/burst, "
          "comma-separated (frontend=50/100,unit=20/40,supervisor=20/50,province=100/200,"
          "reporting=10/20,admin=20/50); role=0 lifts one role's limit, 'off' every limit");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(15),
          "On SIGTERM, how long in-flight calls may take to finish");
ABSL_FLAG(std::string, log_level, "info", "debug | info | warning | error");
ABSL_FLAG(std::string, data_keys, "",
          "Keyring file (mode 0600) of the keys sealing personal data at rest "
          "(libs/crypto/keyring.h; `hotline-admin keys new` makes one). Reloaded every "
          "--keys_reload_every, so a rotation needs no restart");
ABSL_FLAG(absl::Duration, keys_reload_every, absl::Minutes(1),
          "How often the keyring is read again and rows of older keys are re-sealed");
ABSL_FLAG(absl::Duration, anonymise_after, absl::Hours(24 * 365 * 3),
          "How long a ticket at rest (archived, not accepted, answered, merged, withdrawn, "
          "transferred out) keeps its personal data; then housekeeping clears it. 0: never");

namespace hotline::service {
namespace {

[[noreturn]] void ConfigError(const std::string& message) {
  std::fprintf(stderr, "configuration error: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace

ServiceConfig LoadServiceConfig(const ServiceSpec& spec, int argc, char** argv) {
  SkipMutexDeadlockDetection();
  std::vector<char*> rest = ParseFlagsWithEnvironment(
      argc, argv,
      absl::StrCat("hotline-", spec.name, ": the ", spec.name,
                   " service. Every --flag can also be set as HOTLINE_<FLAG> in the environment."));
  if (rest.size() > 1) ConfigError(absl::StrCat("unexpected argument: ", rest[1]));

  ServiceConfig c;
  c.listen_host = absl::GetFlag(FLAGS_listen_host);
  c.grpc_port = absl::GetFlag(FLAGS_grpc_port);
  if (c.grpc_port < 0) c.grpc_port = spec.default_grpc_port;
  c.metrics_port = absl::GetFlag(FLAGS_metrics_port);
  if (c.metrics_port < 0) c.metrics_port = spec.default_metrics_port;
  c.ready_file = absl::GetFlag(FLAGS_ready_file);
  c.tls_cert = absl::GetFlag(FLAGS_tls_cert);
  c.tls_key = absl::GetFlag(FLAGS_tls_key);
  c.tls_client_ca = absl::GetFlag(FLAGS_tls_client_ca);
  c.allow_plaintext_listen = absl::GetFlag(FLAGS_allow_plaintext_listen);
  c.max_rpc_threads = absl::GetFlag(FLAGS_max_rpc_threads);
  c.max_receive_message_bytes = absl::GetFlag(FLAGS_max_receive_message_bytes);
  c.pg_url = absl::GetFlag(FLAGS_pg_url);
  c.pg_pool_size = absl::GetFlag(FLAGS_pg_pool_size);
  c.migrate_on_start = absl::GetFlag(FLAGS_migrate_on_start);
  c.redis_url = absl::GetFlag(FLAGS_redis_url);
  c.stream_prefix = absl::GetFlag(FLAGS_stream_prefix);
  c.run_relay = absl::GetFlag(FLAGS_run_relay);
  c.run_maintenance = absl::GetFlag(FLAGS_run_maintenance);
  c.maintenance_every = absl::GetFlag(FLAGS_maintenance_every);
  c.relay_busy_poll = absl::GetFlag(FLAGS_relay_busy_poll);
  c.consumer_name = absl::GetFlag(FLAGS_consumer_name);
  if (c.consumer_name.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof(host) - 1);
    c.consumer_name = absl::StrCat(spec.name, "-", host);
  }
  c.instance_id = absl::GetFlag(FLAGS_instance_id);
  c.time_zone = absl::GetFlag(FLAGS_time_zone);
  c.auth_cache_ttl = absl::GetFlag(FLAGS_auth_cache_ttl);
  c.auth_cache_entries = absl::GetFlag(FLAGS_auth_cache_entries);
  c.rate_limits = absl::GetFlag(FLAGS_rate_limits);
  c.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  c.data_keys = absl::GetFlag(FLAGS_data_keys);
  c.keys_reload_every = absl::GetFlag(FLAGS_keys_reload_every);
  c.anonymise_after = absl::GetFlag(FLAGS_anonymise_after);

  if (c.grpc_port > 65535 || c.metrics_port > 65535) ConfigError("ports must be 0..65535");
  if (c.pg_url.empty()) ConfigError("--pg_url (HOTLINE_PG_URL) is required");
  if (c.maintenance_every < absl::Minutes(1))
    ConfigError("--maintenance_every must be at least 1m");
  if (c.redis_url.empty()) ConfigError("--redis_url (HOTLINE_REDIS_URL) is required");
  if (c.data_keys.empty()) ConfigError("--data_keys (HOTLINE_DATA_KEYS) is required");
  if (c.keys_reload_every < absl::Seconds(1))
    ConfigError("--keys_reload_every must be at least 1s");
  if (c.pg_pool_size < 1) ConfigError("--pg_pool_size must be at least 1");
  if (c.max_rpc_threads < 2) ConfigError("--max_rpc_threads must be at least 2");
  if (c.max_receive_message_bytes < 1024) {
    ConfigError("--max_receive_message_bytes must be at least 1024");
  }
  if (c.auth_cache_entries < 1) ConfigError("--auth_cache_entries must be at least 1");
  if (absl::Status limits = ParseRateLimits(c.rate_limits).status(); !limits.ok()) {
    ConfigError(absl::StrCat("--", limits.message()));
  }
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    ConfigError("--tls_cert and --tls_key go together");
  }
  if (!c.tls_client_ca.empty() && c.tls_cert.empty()) {
    ConfigError("--tls_client_ca needs --tls_cert and --tls_key");
  }
  if (absl::Status listen =
          CheckListenSecurity(c.listen_host, !c.tls_cert.empty(), c.allow_plaintext_listen);
      !listen.ok()) {
    ConfigError(std::string(listen.message()));
  }
  auto instance = domain::RegionCode::Parse(c.instance_id);
  if (!instance.ok()) {
    ConfigError(absl::StrCat("--instance_id: ", instance.status().message()));
  }
  c.instance_id = instance->code();
  if (!log::ParseLevel(absl::GetFlag(FLAGS_log_level), &c.log_level)) {
    ConfigError("--log_level must be debug, info, warning or error");
  }
  return c;
}

}  // namespace hotline::service
