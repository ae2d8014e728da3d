#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace hotline::support {

// From /proc/<pid>/status: VmRSS / VmHWM in bytes (0 when unreadable).
int64_t StatusBytes(pid_t pid, const char* field);
// This process's resident set (VmRSS), in bytes.
int64_t ResidentBytes();
// CPU time the calling thread has used.
absl::Duration ThreadCpuTime();
// utime + stime of a process from /proc/<pid>/stat.
absl::Duration ProcessCpuTime(pid_t pid);

// The folder of this executable (build/bin), where the other hotline binaries are.
absl::StatusOr<std::string> OwnBinaryDir();

}  // namespace hotline::support
