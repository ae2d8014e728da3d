#include "libs/service/env_flags.h"

#include <cstdio>
#include <cstdlib>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace hotline::service {

std::string EnvironmentNameOf(const std::string& flag_name) {
  return absl::StrCat("HOTLINE_", absl::AsciiStrToUpper(flag_name));
}

absl::Status ApplyEnvironmentToFlags() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    const std::string env_name = EnvironmentNameOf(std::string(name));
    const char* value = std::getenv(env_name.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat("invalid value in ", env_name, ": ", error));
    }
  }
  return absl::OkStatus();
}

std::vector<char*> ParseFlagsWithEnvironment(int argc, char** argv, const std::string& usage) {
  absl::SetProgramUsageMessage(usage);
  absl::Status applied = ApplyEnvironmentToFlags();
  if (!applied.ok()) {
    std::fprintf(stderr, "%s\n", std::string(applied.message()).c_str());
    std::exit(2);
  }
  return absl::ParseCommandLine(argc, argv);
}

}  // namespace hotline::service
