#pragma once

#include <string>
#include <vector>

namespace hotline::admin {

// Each returns the process exit code; `args` are the positional words after the command.
int MigrateCommand();
int TokenCommand(const std::vector<std::string>& args);
int HealthCommand();
int CalendarCommand(const std::vector<std::string>& args);
int KeysCommand(const std::vector<std::string>& args, const std::string& pg_url);

}  // namespace hotline::admin
