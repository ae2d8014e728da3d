// hotline-admin: operator commands for a hotline instance.
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_join.h"
#include "libs/common/log.h"
#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/env_flags.h"
#include "libs/ticketstore/ticket_core_maintenance.h"
#include "tools/admin/commands.h"

ABSL_FLAG(std::string, pg_url, "", "PostgreSQL URL of the instance");

namespace hotline::admin {

int MigrateCommand() {
  const std::string url = absl::GetFlag(FLAGS_pg_url);
  if (url.empty()) {
    std::fprintf(stderr, "--pg_url (HOTLINE_PG_URL) is required\n");
    return 2;
  }
  absl::Status status = pg::ApplyMigrations(url, pg::EmbeddedMigrations());
  if (!status.ok()) {
    std::fprintf(stderr, "migration failed: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}

int MaintenanceCommand() {
  const std::string url = absl::GetFlag(FLAGS_pg_url);
  if (url.empty()) {
    std::fprintf(stderr, "--pg_url (HOTLINE_PG_URL) is required\n");
    return 2;
  }
  pg::PgPool pool({.url = url, .size = 1, .application_name = "hotline-admin"});
  absl::StatusOr<ticketstore::MaintenanceRun> run = ticketstore::RunTicketCoreMaintenance(pool);
  if (!run.ok()) {
    std::fprintf(stderr, "maintenance failed: %s\n", run.status().ToString().c_str());
    return 1;
  }
  if (!run->ran) {
    std::printf("another process is running maintenance; nothing done\n");
    return 0;
  }
  std::printf("created_partitions=%d pruned_consumed=%lld dropped_sequences=%d\n",
              run->created_partitions, static_cast<long long>(run->pruned_consumed),
              run->dropped_sequences);
  return 0;
}

}  // namespace hotline::admin

namespace {

constexpr char kUsage[] = R"(hotline-admin COMMAND [flags]

Commands:
  migrate                     apply pending schema migrations (--pg_url)
  maintenance                 run the ticket core's housekeeping once: monthly partitions ahead,
                              consumed events pruned, past ticket-number sequences (--pg_url);
                              services do it hourly unless started with --run_maintenance=false
  token create                make a bearer token and print it once
                              (--pg_url --name --role=frontend|unit|supervisor|province|reporting|admin
                               --jurisdiction=<division code, empty = nationwide> [--expires_in=720h])
  token revoke                revoke every live token of --name (--pg_url)
  token list                  list tokens: name, role, jurisdiction, state (--pg_url)
  health                      check grpc.health.v1 of --addr; with --wait, poll until SERVING;
                              over TLS with --tls_ca=CA.pem [--tls_client_cert --tls_client_key]
  calendar check              read a calendar file (--file) and say through when its holidays run
  calendar get                print calendar --code (default standard) of hotline-supervision
                              (--addr --token, an admin's; TLS flags as for health)
  calendar put                store the calendar of --file (its code is in it) in
                              hotline-supervision (--addr --token); deadlines use it at once
  keys new                    write a new keyring file (mode 0600) with one active data key and
                              an index key (--data_keys=FILE --key_id=ID); never overwrites
  keys rotate                 add data key --key_id to --data_keys and make it active; services
                              reload it and re-seal older rows in the background
  keys reseal                 seal now what is not sealed with the active key (--data_keys --pg_url)

Every --flag can also be set as HOTLINE_<FLAG> in the environment.)";

}  // namespace

int main(int argc, char** argv) {
  hotline::log::Configure("admin", hotline::log::Level::kWarning);
  std::vector<char*> positional = hotline::service::ParseFlagsWithEnvironment(argc, argv, kUsage);
  std::vector<std::string> words(positional.begin() + 1, positional.end());
  if (words.empty()) {
    std::fprintf(stderr, "%s\n", kUsage);
    return 2;
  }
  const std::string command = words.front();
  words.erase(words.begin());
  if (command == "migrate" && words.empty()) return hotline::admin::MigrateCommand();
  if (command == "maintenance" && words.empty()) return hotline::admin::MaintenanceCommand();
  if (command == "token") return hotline::admin::TokenCommand(words);
  if (command == "health" && words.empty()) return hotline::admin::HealthCommand();
  if (command == "calendar") return hotline::admin::CalendarCommand(words);
  if (command == "keys") return hotline::admin::KeysCommand(words, absl::GetFlag(FLAGS_pg_url));
  std::fprintf(stderr, "unknown command: %s %s\n\n%s\n", command.c_str(),
               absl::StrJoin(words, " ").c_str(), kUsage);
  return 2;
}
