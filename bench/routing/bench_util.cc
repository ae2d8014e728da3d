#include "bench/routing/bench_util.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <pqxx/nontransaction>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "libs/pg/pg_pool.h"

namespace hotline::bench {
namespace {

struct Cleanups {
  absl::Mutex mu;
  int next_id ABSL_GUARDED_BY(mu) = 0;
  std::vector<std::pair<int, std::function<void()>>> list ABSL_GUARDED_BY(mu);
};

Cleanups& TheCleanups() {
  static auto* cleanups = new Cleanups;  // never destroyed: Fail() may run during exit
  return *cleanups;
}

}  // namespace

std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> env;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq != std::string::npos && line[0] != '#') env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

int AddCleanup(std::function<void()> cleanup) {
  Cleanups& c = TheCleanups();
  absl::MutexLock lock(&c.mu);
  c.list.emplace_back(++c.next_id, std::move(cleanup));
  return c.next_id;
}

void RunCleanup(int id) {
  Cleanups& c = TheCleanups();
  std::function<void()> cleanup;
  {
    absl::MutexLock lock(&c.mu);
    auto it =
        std::find_if(c.list.begin(), c.list.end(), [&](const auto& e) { return e.first == id; });
    if (it == c.list.end()) return;
    cleanup = std::move(it->second);
    c.list.erase(it);
  }
  cleanup();
}

void Fail(const std::string& what) {
  std::fflush(stdout);
  std::fprintf(stderr, "bench_routing: %s\n", what.c_str());
  while (true) {
    int id = 0;
    {
      Cleanups& c = TheCleanups();
      absl::MutexLock lock(&c.mu);
      if (c.list.empty()) break;
      id = c.list.back().first;
    }
    RunCleanup(id);
  }
  std::_Exit(1);
}

double Percentile(std::vector<double>& values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(q * values.size()))];
}

int64_t ResidentBytes() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // "… kB"
  }
  return 0;
}

absl::Duration ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return absl::DurationFromTimespec(ts);
}

double Mb(int64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

std::string WithDatabase(const std::string& url, const std::string& db) {
  const size_t slash = url.rfind('/');
  const size_t query = url.find('?', slash);
  return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

void ExecOutsideTransaction(const std::string& url, const std::string& sql) {
  auto conn = pg::OpenConnection(url);
  if (!conn.ok()) Fail(std::string(conn.status().message()));
  try {
    pqxx::nontransaction(**conn).exec(sql);
  } catch (const std::exception& e) {
    Fail(sql + ": " + e.what());
  }
}

std::string OwnBinaryDir() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return ".";
  std::string exe(path, n);
  return exe.substr(0, exe.rfind('/'));
}

}  // namespace hotline::bench
