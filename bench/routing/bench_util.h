#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace hotline::bench {

// NAME=value lines of a suite's endpoints.env; an unreadable file gives an empty map.
std::map<std::string, std::string> ReadEnvFile(const std::string& path);

// Ends the run with a message on stderr, after the registered cleanups (scratch database,
// private service) have run. Other threads may still be running: static destructors are skipped.
[[noreturn]] void Fail(const std::string& what);
// Cleanups run by Fail(), newest first; each also runs at most once when its phase ends normally.
int AddCleanup(std::function<void()> cleanup);
void RunCleanup(int id);

// The q-quantile of `values`, which this sorts.
double Percentile(std::vector<double>& values, double q);

// The resident set of this process (VmRSS of /proc/self/status), in bytes.
int64_t ResidentBytes();
// CPU time this thread has used.
absl::Duration ThreadCpuTime();

double Mb(int64_t bytes);

// `url` with its database name replaced: postgresql://u@h:p/db?x → postgresql://u@h:p/<db>?x.
std::string WithDatabase(const std::string& url, const std::string& db);
// Runs one statement outside a transaction (CREATE/DROP DATABASE); Fail()s on error.
void ExecOutsideTransaction(const std::string& url, const std::string& sql);

// The folder of this executable (build/bin), where the other hotline binaries are.
std::string OwnBinaryDir();

}  // namespace hotline::bench
