#include "tests/support/core/fail.h"

#include <errno.h>  // program_invocation_short_name

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace hotline::support {
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

void OkOrFail(const absl::Status& status) {
  if (!status.ok()) Fail(status.ToString());
}

}  // namespace hotline::support
