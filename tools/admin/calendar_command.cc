// calendar: the business calendars behind every deadline, for the operator who enters next
// year's holidays. `check` reads a file offline; `get` and `put` talk to hotline-supervision.

#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "hotline/supervision/v1/supervision.grpc.pb.h"
#include "libs/calendar/calendar_text.h"
#include "libs/tls/client_flags.h"
#include "tools/admin/commands.h"

ABSL_DECLARE_FLAG(std::string, addr);
ABSL_FLAG(std::string, token, "", "bearer token of an instance-wide admin (or HOTLINE_TOKEN)");
ABSL_FLAG(std::string, file, "", "a calendar in its text form (libs/calendar/calendar_text.h)");
ABSL_FLAG(std::string, code, "standard", "the calendar to read");

namespace hotline::admin {
namespace {

namespace v1 = hotline::supervision::v1;

int Fail(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  return 1;
}

// The file's text, parsed: what `check` prints and `put` sends.
struct CalendarFile {
  std::string text;
  calendar::CalendarSpec spec;
  std::optional<absl::CivilDay> through;
};

absl::StatusOr<CalendarFile> ReadCalendarFile(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("--file is required");
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<calendar::CalendarSpec> spec = calendar::ParseCalendarSpec(text.str());
  if (!spec.ok())
    return absl::InvalidArgumentError(path + ": " + std::string(spec.status().message()));
  absl::StatusOr<calendar::BusinessCalendar> built = calendar::BusinessCalendar::Create(*spec);
  if (!built.ok()) {
    return absl::InvalidArgumentError(path + ": " + std::string(built.status().message()));
  }
  return CalendarFile{text.str(), *std::move(spec), built->covered_through()};
}

std::string Coverage(const CalendarFile& file) {
  if (!file.through) return "no limit (24x7, or no holidays entered)";
  const int left = static_cast<int>(*file.through - absl::ToCivilDay(absl::Now(), file.spec.zone));
  return absl::StrCat("holidays through ", absl::FormatCivilTime(*file.through), " (", left,
                      " days from today)");
}

std::unique_ptr<v1::Supervision::Stub> Connect() {
  const std::string addr = absl::GetFlag(FLAGS_addr);
  if (addr.empty()) {
    std::fprintf(stderr, "--addr (hotline-supervision's host:port) is required\n");
    return nullptr;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      tls::Dial(addr, tls::ClientTlsFromFlags());
  if (!channel.ok()) {
    std::fprintf(stderr, "%s\n", std::string(channel.status().message()).c_str());
    return nullptr;
  }
  return v1::Supervision::NewStub(*channel);
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  context->AddMetadata("authorization", "Bearer " + absl::GetFlag(FLAGS_token));
  return context;
}

int Check() {
  absl::StatusOr<CalendarFile> file = ReadCalendarFile(absl::GetFlag(FLAGS_file));
  if (!file.ok()) return Fail(std::string(file.status().message()));
  std::printf("calendar %s: %s\n", file->spec.code.c_str(), Coverage(*file).c_str());
  return 0;
}

int Get() {
  std::unique_ptr<v1::Supervision::Stub> stub = Connect();
  if (stub == nullptr) return 2;
  v1::GetCalendarRequest request;
  request.set_code(absl::GetFlag(FLAGS_code));
  v1::GetCalendarResponse response;
  const grpc::Status status = stub->GetCalendar(Context().get(), request, &response);
  if (!status.ok()) return Fail(status.error_message());
  std::printf("%s", response.calendar().text().c_str());
  return 0;
}

int Put() {
  absl::StatusOr<CalendarFile> file = ReadCalendarFile(absl::GetFlag(FLAGS_file));
  if (!file.ok()) return Fail(std::string(file.status().message()));
  std::unique_ptr<v1::Supervision::Stub> stub = Connect();
  if (stub == nullptr) return 2;
  v1::UpsertCalendarRequest request;
  request.mutable_calendar()->set_code(file->spec.code);
  request.mutable_calendar()->set_text(file->text);
  v1::UpsertCalendarResponse response;
  const grpc::Status status = stub->UpsertCalendar(Context().get(), request, &response);
  if (!status.ok()) return Fail(status.error_message());
  std::printf("calendar %s stored: %s\n", file->spec.code.c_str(), Coverage(*file).c_str());
  return 0;
}

}  // namespace

int CalendarCommand(const std::vector<std::string>& args) {
  if (args.size() == 1 && args[0] == "check") return Check();
  if (args.size() == 1 && args[0] == "get") return Get();
  if (args.size() == 1 && args[0] == "put") return Put();
  std::fprintf(stderr, "expected: calendar check|get|put\n");
  return 2;
}

}  // namespace hotline::admin
