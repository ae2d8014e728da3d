// hotline-directory: generates and imports the routing directory (units, department types and
// the dispatch catalogue) as CSV files; see deploy/directory/README.md.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "libs/service/env_flags.h"
#include "tools/directory/commands.h"

namespace {

constexpr char kUsage[] = R"(hotline-directory COMMAND [flags]

Commands:
  generate   write units.csv for some divisions, from the statistical division files
             --divisions=deploy/directory/divisions --scope=53,1502 --out=units.csv
             [--villages_per_township=10] [--village_departments=village-committee,child-director]
             (--out=- writes to stdout)
  import     check every row of the given files, then send them to routing's ImportDirectory
             --addr=HOST:PORT --token=TOKEN (or HOTLINE_TOKEN)
             [--departments=departments.csv] [--units=units.csv] [--catalogue=catalogue.csv]
             [--replace] [--chunk_rows=5000] [--deadline=10m]
             [--tls_ca=CA.pem [--tls_client_cert=… --tls_client_key=…] [--tls_server_name=…]]
             With --replace, units (and, when a catalogue is given, rules) absent from the
             import are deactivated. Nothing is sent when any row is bad.

Every --flag can also be set as HOTLINE_<FLAG> in the environment.)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> positional = hotline::service::ParseFlagsWithEnvironment(argc, argv, kUsage);
  std::vector<std::string> words(positional.begin() + 1, positional.end());
  int rc = hotline::directory::kExitUsage;
  if (words.size() == 1 && words[0] == "generate") {
    rc = hotline::directory::GenerateCommand();
  } else if (words.size() == 1 && words[0] == "import") {
    rc = hotline::directory::ImportCommand();
  } else if (!words.empty()) {
    std::fprintf(stderr, "unknown command: %s\n", absl::StrJoin(words, " ").c_str());
  }
  if (rc == hotline::directory::kExitUsage) std::fprintf(stderr, "\n%s\n", kUsage);
  return rc;
}
