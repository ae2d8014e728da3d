// hotline-admin: operator commands for a hotline instance.
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_join.h"
#include "libs/common/log.h"
#include "libs/pg/migrator.h"
#include "libs/service/env_flags.h"
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

}  // namespace hotline::admin

namespace {

constexpr char kUsage[] = R"(hotline-admin COMMAND [flags]

Commands:
  migrate                     apply pending schema migrations (--pg_url)
  token create                make a bearer token and print it once
                              (--pg_url --name --role=frontend|unit|supervisor|province|reporting|admin
                               --jurisdiction=<division code, empty = nationwide> [--expires_in=720h])
  token revoke                revoke every live token of --name (--pg_url)
  token list                  list tokens: name, role, jurisdiction, state (--pg_url)
  health                      check grpc.health.v1 of --addr; with --wait, poll until SERVING

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
  if (command == "token") return hotline::admin::TokenCommand(words);
  if (command == "health" && words.empty()) return hotline::admin::HealthCommand();
  std::fprintf(stderr, "unknown command: %s %s\n\n%s\n", command.c_str(),
               absl::StrJoin(words, " ").c_str(), kUsage);
  return 2;
}
