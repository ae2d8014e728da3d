#pragma once

namespace hotline::directory {

// Exit codes: 0 done, 1 failed (bad rows, server error, I/O), 2 bad arguments (main then prints
// the usage).
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

int GenerateCommand();
int ImportCommand();

}  // namespace hotline::directory
