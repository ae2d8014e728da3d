#pragma once

#include <string>

#include "absl/time/time.h"
#include "libs/common/log.h"

namespace hotline::service {

// What every service binary is told at start (flags, or HOTLINE_<FLAG> environment variables).
struct ServiceConfig {
  std::string listen_host;
  int grpc_port = 0;     // 0: any free port (written to the ready file)
  int metrics_port = 0;  // 0: any free port
  std::string ready_file;
  std::string tls_cert, tls_key, tls_client_ca;  // watched: renewed files apply without restart
  bool allow_plaintext_listen = false;           // plaintext off loopback (behind a mesh)
  int max_rpc_threads = 0;
  int max_receive_message_bytes = 0;

  std::string pg_url;
  int pg_pool_size = 0;
  bool migrate_on_start = true;
  std::string redis_url;
  std::string stream_prefix;
  bool run_relay = true;
  bool run_maintenance = true;
  absl::Duration maintenance_every = absl::Hours(1);
  absl::Duration relay_busy_poll;
  std::string consumer_name;

  std::string instance_id;
  std::string time_zone;
  absl::Duration auth_cache_ttl;
  int auth_cache_entries = 0;  // per list: accepted tokens, and refused ones
  std::string rate_limits;     // ParseRateLimits' form; checked at start
  absl::Duration shutdown_grace;
  std::string data_keys;  // keyring file of the keys sealing personal data at rest
  absl::Duration keys_reload_every = absl::Minutes(1);
  absl::Duration anonymise_after = absl::ZeroDuration();  // never
  log::Level log_level = log::Level::kInfo;
};

// Defaults that differ per service.
struct ServiceSpec {
  std::string name;  // "intake", … ; also the log's service field and the consumer-name prefix
  int default_grpc_port = 0;
  int default_metrics_port = 0;
};

// Parses flags and environment; a bad or missing value is fatal with a message saying which.
ServiceConfig LoadServiceConfig(const ServiceSpec& spec, int argc, char** argv);

}  // namespace hotline::service
