#include "bench/support/bench_util.h"

#include <arpa/inet.h>
#include <errno.h>  // program_invocation_short_name
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <pqxx/nontransaction>
#include <sstream>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
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
  std::fprintf(stderr, "%s: %s\n", program_invocation_short_name, what.c_str());
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

double Percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  const auto at =
      values.begin() + std::min(values.size() - 1, static_cast<size_t>(q * values.size()));
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

double Mb(int64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }
double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

int64_t StatusBytes(pid_t pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  const std::string prefix = std::string(field) + ":";
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stoll(line.substr(prefix.size())) * 1024;  // kB
  }
  return 0;
}

int64_t ResidentBytes() { return StatusBytes(getpid(), "VmRSS"); }

absl::Duration ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return absl::DurationFromTimespec(ts);
}

absl::Duration ProcessCpuTime(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t paren = all.rfind(')');  // the command may hold spaces
  if (paren == std::string::npos) return absl::ZeroDuration();
  std::istringstream fields(all.substr(paren + 2));
  std::string f;
  long long utime = 0, stime = 0;
  // After the command: state is field 3; utime and stime are fields 14 and 15.
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stoll(f);
    if (i == 15) stime = std::stoll(f);
  }
  return absl::Seconds(static_cast<double>(utime + stime) / sysconf(_SC_CLK_TCK));
}

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

std::string QueryOne(const std::string& url, const std::string& sql) {
  auto conn = pg::OpenConnection(url);
  if (!conn.ok()) Fail(std::string(conn.status().message()));
  try {
    const pqxx::result rows = pqxx::nontransaction(**conn).exec(sql);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
  } catch (const std::exception& e) {
    Fail(sql + ": " + e.what());
  }
}

std::string HttpGet(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buf[65536];
      ssize_t n;
      while ((n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  const size_t body = out.find("\r\n\r\n");
  return body == std::string::npos ? "" : out.substr(body + 4);
}

std::vector<std::pair<std::string, double>> ScrapeMetrics(int port) {
  std::vector<std::pair<std::string, double>> samples;
  if (port <= 0) return samples;
  const std::string body = HttpGet(port, "/metrics");
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    const size_t space = line.rfind(' ');
    if (line.empty() || line[0] == '#' || space == absl::string_view::npos) continue;
    double value = 0;
    if (!absl::SimpleAtod(line.substr(space + 1), &value)) continue;
    samples.emplace_back(std::string(line.substr(0, space)), value);
  }
  return samples;
}

std::string BucketBound(absl::string_view series, absl::string_view family) {
  const std::string prefix = absl::StrCat(family, "_bucket{le=\"");
  if (!absl::StartsWith(series, prefix) || !absl::EndsWith(series, "\"}")) return "";
  return std::string(series.substr(prefix.size(), series.size() - prefix.size() - 2));
}

std::string OwnBinaryDir() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) return ".";
  std::string exe(path, n);
  return exe.substr(0, exe.rfind('/'));
}

MemoryScanner FindMemoryScanner() {
  const std::string kdamonds = "/sys/kernel/mm/damon/admin/kdamonds/";
  auto first_line = [](const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
  };
  int count = 0;
  if (!absl::SimpleAtoi(first_line(kdamonds + "nr_kdamonds"), &count)) return {};
  for (int i = 0; i < count; ++i) {
    const std::string kdamond = absl::StrCat(kdamonds, i, "/");
    if (first_line(kdamond + "state") != "on") continue;
    int64_t sample_us = 0;
    const std::string context = kdamond + "contexts/0/";
    if (!absl::SimpleAtoi(first_line(context + "monitoring_attrs/intervals/sample_us"),
                          &sample_us) ||
        sample_us <= 0) {
      continue;
    }
    const std::string what =
        first_line(context + "operations") == "paddr" ? "physical memory" : "process memory";
    MemoryScanner scanner;
    scanner.note = absl::StrCat("DAMON samples ", what, " every ", sample_us / 1000, " ms");
    scanner.sample_interval = absl::Microseconds(sample_us);
    scanner.schedstat = absl::StrCat("/proc/", first_line(kdamond + "pid"), "/schedstat");
    return scanner;
  }
  return {};
}

absl::Duration MemoryScanner::CpuTime() const {
  if (schedstat.empty()) return absl::ZeroDuration();
  std::ifstream in(schedstat);
  int64_t ns = 0;  // the first field: time on a CPU
  return in >> ns ? absl::Nanoseconds(ns) : absl::ZeroDuration();
}

double MemoryScanner::CpuMsPerPassSince(absl::Time since, absl::Duration cpu_then) const {
  if (sample_interval <= absl::ZeroDuration()) return 0;
  const double passes = std::max(absl::FDivDuration(absl::Now() - since, sample_interval), 1.0);
  return absl::ToDoubleMilliseconds(CpuTime() - cpu_then) / passes;
}

}  // namespace hotline::bench
