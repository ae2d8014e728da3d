// import: checks every row of the given files locally, then streams them to routing's
// ImportDirectory (all rows are written in one transaction or none).

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "hotline/routing/v1/routing.grpc.pb.h"
#include "libs/tls/client_flags.h"
#include "tools/directory/catalogue_file.h"
#include "tools/directory/commands.h"
#include "tools/directory/department_file.h"
#include "tools/directory/department_index.h"
#include "tools/directory/import_sender.h"
#include "tools/directory/import_sources.h"
#include "tools/directory/unit_file.h"

ABSL_FLAG(std::string, addr, "", "host:port of the routing service");
ABSL_FLAG(std::string, token, "", "admin bearer token (or HOTLINE_TOKEN)");
ABSL_FLAG(std::string, departments, "", "departments.csv to import");
ABSL_FLAG(std::string, units, "", "units.csv to import");
ABSL_FLAG(std::string, catalogue, "", "catalogue.csv to import");
ABSL_FLAG(bool, replace, false,
          "deactivate units (and, with a catalogue, rules) that the import does not carry");
ABSL_FLAG(int, chunk_rows, 5000, "rows per ImportDirectory message");
ABSL_FLAG(absl::Duration, deadline, absl::Minutes(10), "deadline of the whole import");

namespace hotline::directory {
namespace {

struct Paths {
  std::string departments, units, catalogue;
};

// Reads one file, giving its good rows to `row`; every bad row lands in `errors`.
template <typename Reader, typename RowFn>
bool ReadFile(const std::string& path, Reader read, const RowFn& row,
              std::vector<RowError>* errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back(RowError{path, 0, "", "cannot open"});
    return false;
  }
  std::vector<RowError> found = read(in, path, row);
  errors->insert(errors->end(), found.begin(), found.end());
  return found.empty();
}

// The first pass: every row of every file, and the checks across files. Records each good
// row's line for pointing server complaints back at the files.
std::vector<RowError> Validate(const Paths& paths, ImportSources* sources) {
  std::vector<RowError> errors;
  DepartmentIndex index;
  if (!paths.departments.empty()) {
    sources->departments.file = paths.departments;
    ReadFile(
        paths.departments, ReadDepartments,
        [&](routing::v1::DepartmentType&& d, int line) {
          index.Add(d);
          sources->departments.lines.push_back(line);
        },
        &errors);
  }
  // Without departments.csv the server's own types decide; it checks them itself.
  const bool check_departments = !paths.departments.empty();
  auto add_problems = [&](const std::string& file, int line,
                          const std::vector<ColumnProblem>& problems) {
    for (const auto& [column, why] : problems) errors.push_back(RowError{file, line, column, why});
  };
  if (!paths.units.empty()) {
    sources->units.file = paths.units;
    ReadFile(
        paths.units, ReadUnits,
        [&](routing::v1::Unit&& unit, int line) {
          if (check_departments) add_problems(paths.units, line, index.CheckUnit(unit));
          sources->units.lines.push_back(line);
        },
        &errors);
  }
  if (!paths.catalogue.empty()) {
    sources->rules.file = paths.catalogue;
    ReadFile(
        paths.catalogue, ReadCatalogue,
        [&](routing::v1::CatalogueRule&& rule, int line) {
          if (check_departments) add_problems(paths.catalogue, line, index.CheckRule(rule));
          sources->rules.lines.push_back(line);
        },
        &errors);
  }
  return errors;
}

// The second pass: the same files again, straight into the stream. False when a file changed
// since the first pass and a row no longer reads.
bool Send(const Paths& paths, const ImportSources& sources, ImportSender& sender) {
  std::vector<RowError> errors;
  if (!paths.departments.empty()) {
    sender.Begin("departments", sources.departments.lines.size());
    ReadFile(
        paths.departments, ReadDepartments,
        [&](routing::v1::DepartmentType&& d, int) { sender.Add(std::move(d)); }, &errors);
    sender.End();
  }
  if (!paths.units.empty() && sender.ok()) {
    sender.Begin("units", sources.units.lines.size());
    ReadFile(
        paths.units, ReadUnits, [&](routing::v1::Unit&& u, int) { sender.Add(std::move(u)); },
        &errors);
    sender.End();
  }
  if (!paths.catalogue.empty() && sender.ok()) {
    sender.Begin("rules", sources.rules.lines.size());
    ReadFile(
        paths.catalogue, ReadCatalogue,
        [&](routing::v1::CatalogueRule&& r, int) { sender.Add(std::move(r)); }, &errors);
    sender.End();
  }
  for (const RowError& e : errors) {
    std::fprintf(stderr, "%s (changed during the import?)\n", e.ToString().c_str());
  }
  return errors.empty();
}

void PrintServerError(const grpc::Status& status, const ImportSources& sources) {
  std::fprintf(stderr, "import failed: %s: %s\n",
               absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())).c_str(),
               status.error_message().c_str());
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return;
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations()) {
      std::fprintf(stderr, "  %s\n",
                   DescribeViolation(sources, v.field(), v.description()).c_str());
    }
  }
}

}  // namespace

int ImportCommand() {
  const Paths paths{absl::GetFlag(FLAGS_departments), absl::GetFlag(FLAGS_units),
                    absl::GetFlag(FLAGS_catalogue)};
  const std::string addr = absl::GetFlag(FLAGS_addr);
  const std::string token = absl::GetFlag(FLAGS_token);
  const int chunk_rows = absl::GetFlag(FLAGS_chunk_rows);
  if (paths.departments.empty() && paths.units.empty() && paths.catalogue.empty()) {
    std::fprintf(stderr, "import needs at least one of --departments, --units, --catalogue\n");
    return kExitUsage;
  }
  if (addr.empty() || token.empty()) {
    std::fprintf(stderr, "import needs --addr and --token (or HOTLINE_TOKEN)\n");
    return kExitUsage;
  }
  if (chunk_rows < 1) {
    std::fprintf(stderr, "--chunk_rows must be at least 1\n");
    return kExitUsage;
  }

  ImportSources sources;
  std::vector<RowError> errors = Validate(paths, &sources);
  if (!errors.empty()) {
    for (const RowError& e : errors) std::fprintf(stderr, "%s\n", e.ToString().c_str());
    std::fprintf(stderr, "%zu problem(s); nothing was sent\n", errors.size());
    return kExitFailed;
  }

  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      tls::Dial(addr, tls::ClientTlsFromFlags());
  if (!channel.ok()) {
    std::fprintf(stderr, "%s\n", std::string(channel.status().message()).c_str());
    return kExitUsage;
  }
  auto stub = routing::v1::Routing::NewStub(*channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::GetFlag(FLAGS_deadline)));
  context.AddMetadata("authorization", "Bearer " + token);
  routing::v1::ImportDirectoryResponse response;
  auto writer = stub->ImportDirectory(&context, &response);
  ImportSender sender(*writer, chunk_rows, absl::GetFlag(FLAGS_replace));
  if (!Send(paths, sources, sender)) {
    context.TryCancel();  // a half import must not commit
    writer->Finish();
    return kExitFailed;
  }
  sender.Finish();
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) {
    PrintServerError(status, sources);
    return kExitFailed;
  }
  std::printf(
      "imported %lld departments, %lld units, %lld rules; deactivated %lld units, %lld rules; "
      "directory version %lld\n",
      static_cast<long long>(response.departments()), static_cast<long long>(response.units()),
      static_cast<long long>(response.rules()),
      static_cast<long long>(response.deactivated_units()),
      static_cast<long long>(response.deactivated_rules()),
      static_cast<long long>(response.directory_version()));
  return 0;
}

}  // namespace hotline::directory
