#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace hotline::bench {

// NAME=value lines of a suite's endpoints.env; an unreadable file gives an empty map.
std::map<std::string, std::string> ReadEnvFile(const std::string& path);

// Ends the run with a message on stderr, after the registered cleanups (scratch database,
// private service, stream keys) have run, newest first.
[[noreturn]] void Fail(const std::string& what);
int AddCleanup(std::function<void()> cleanup);
// Runs one cleanup now (at most once) and forgets it.
void RunCleanup(int id);

// The q-quantile of `values`. Takes a copy: the caller's order (latencies paired with the times
// they were due) stays as it was.
double Percentile(std::vector<double> values, double q);
double Mb(int64_t bytes);
double Ms(absl::Duration d);

// From /proc/<pid>/status: VmRSS / VmHWM in bytes (0 when unreadable).
int64_t StatusBytes(pid_t pid, const char* field);
// This process's resident set (VmRSS), in bytes.
int64_t ResidentBytes();
// CPU time the calling thread has used.
absl::Duration ThreadCpuTime();
// utime + stime of a process from /proc/<pid>/stat.
absl::Duration ProcessCpuTime(pid_t pid);

// `url` with its database name replaced: postgresql://u@h:p/db?x → postgresql://u@h:p/<db>?x.
std::string WithDatabase(const std::string& url, const std::string& db);
// Runs one statement outside a transaction (CREATE/DROP DATABASE); Fail()s on error.
void ExecOutsideTransaction(const std::string& url, const std::string& sql);
// The first field of the first row `sql` returns, as text ("" when NULL or no row); Fail()s on
// error.
std::string QueryOne(const std::string& url, const std::string& sql);

// The body of GET http://127.0.0.1:<port><path> (HTTP/1.0), or "" on any error.
std::string HttpGet(int port, const std::string& path);

// The samples of GET http://127.0.0.1:<port>/metrics as (series, value), the series being the
// name with its labels (`x_bucket{le="0.5"}`); empty when it cannot be read or `port` is 0.
std::vector<std::pair<std::string, double>> ScrapeMetrics(int port);
// The `le` label of `series` when it is a bucket of histogram `family`, else "".
std::string BucketBound(absl::string_view series, absl::string_view family);

// The folder of this executable (build/bin), where the other hotline binaries are.
std::string OwnBinaryDir();

// The kernel's DAMON, when a kdamond thread of it is on. Each pass samples pages and clears their
// accessed bits; under load a pass took 3-15 ms of CPU here, against about 1 ms on an idle machine,
// and latency figures show episodes of slow calls one pass apart.
struct MemoryScanner {
  std::string note;  // "DAMON samples physical memory every 500 ms"; "" when none is on
  absl::Duration sample_interval;
  std::string schedstat;  // /proc/<pid>/schedstat of its thread
  // CPU time its thread has used so far; zero when none is on.
  absl::Duration CpuTime() const;
  // CPU milliseconds per pass from `since`, when CpuTime() was `cpu_then`, to now.
  double CpuMsPerPassSince(absl::Time since, absl::Duration cpu_then) const;
};
MemoryScanner FindMemoryScanner();

}  // namespace hotline::bench
