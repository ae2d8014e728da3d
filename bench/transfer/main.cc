// Benchmarks provincial transfer on a local federation (`deploy/local/suite up --federation`):
//   throughput — closed loop: --window transfers outstanding, Kunming → province → Qujing;
//                transfers/s reaching Qujing;
//   latency    — tickets submitted at Kunming at a fixed --rate; submit → DISPATCHED at Qujing,
//                p50/p99 (target p99 ≤ 1 s);
//   drain      — the province's transfer stopped for --outage while --backlog tickets are taken
//                at Kunming, then restarted on the same ports: the time until all of them reached
//                Qujing, as transfers/s (target ≥ 1,000/s).
// Prints the figures and PASS/MISS; exits 0 either way, unless a phase cannot finish (nothing
// dispatched, a backlog that never drains). --quick is a short smoke run of every phase, which
// ctest runs on its test federation (bench:transfer-quick).
//
//   HOTLINE_RATE_LIMITS=off deploy/local/suite up --federation --dir .federation
//   build/bin/bench_transfer --federation_dir=.federation
// (the front end's rate limit, 50 calls/s by default, would cap the offered load).
#include <atomic>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/transfer/federation_client.h"
#include "tests/e2e/transfer/federation_process.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/poll.h"
#include "tests/support/core/stats.h"

ABSL_FLAG(std::string, federation_dir, ".federation", "Folder of a running local federation");
ABSL_FLAG(std::string, phases, "throughput,latency,drain", "Which phases to run, comma-separated");
ABSL_FLAG(bool, quick, false, "A short smoke run of every phase (figures not comparable)");
ABSL_FLAG(int, window, 64, "Transfers outstanding at once in the throughput phase");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(20), "Length of the throughput phase");
ABSL_FLAG(double, rate, 100, "Transfers/s offered in the latency phase");
ABSL_FLAG(absl::Duration, latency_duration, absl::Seconds(30), "Length of the latency phase");
ABSL_FLAG(int, backlog, 10000, "Transfers taken at Kunming during the outage");
ABSL_FLAG(absl::Duration, outage, absl::Seconds(30), "How long the province's transfer is down");
ABSL_FLAG(int, clients, 16, "Concurrent SubmitTicket callers");

namespace hotline::bench {
namespace {

using support::Fail;
using support::PollUntil;

std::string Verdict(bool pass) { return pass ? "PASS" : "MISS"; }

// Submits up to `count` tickets from `clients` threads, ticket i once `go(i)` says so (false:
// stop); their numbers and when each was submitted.
struct Submitted {
  std::vector<std::string> numbers;
  std::vector<absl::Time> at;
};
Submitted Submit(const Federation& f, int count, int clients, const std::function<bool(int)>& go) {
  const std::string run = absl::StrCat("bench-transfer-", absl::ToUnixMicros(absl::Now()));
  std::atomic<int> next{0};
  std::mutex mu;
  Submitted out;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      for (int i = next++; i < count; i = next++) {
        if (!go(i)) return;
        const absl::Time at = absl::Now();
        std::string number = f.SubmitAtKunming(absl::StrCat(run, "-", i));
        if (number.empty()) continue;
        std::lock_guard<std::mutex> lock(mu);
        out.numbers.push_back(std::move(number));
        out.at.push_back(at);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return out;
}

// Closed loop: a caller submits only while fewer than `window` transfers are on their way.
void Throughput(const Federation& f, int window, absl::Duration duration, int clients) {
  const int64_t base = f.ArrivedAtQujing();
  std::atomic<int64_t> arrived{0}, submitted{0};
  std::atomic<bool> done{false};
  std::thread counter([&] {
    while (!done) {
      arrived = f.ArrivedAtQujing() - base;
      absl::SleepFor(absl::Milliseconds(50));
    }
  });
  const absl::Time start = absl::Now();
  Submit(f, 1 << 30, clients, [&](int) {
    while (submitted - arrived >= window) {
      if (absl::Now() - start > duration) return false;
      absl::SleepFor(absl::Milliseconds(2));
    }
    if (absl::Now() - start > duration) return false;
    ++submitted;
    return true;
  });
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  done = true;
  counter.join();
  const int64_t through = f.ArrivedAtQujing() - base;
  std::printf("throughput  %lld transfers reached Qujing in %.1f s (window %d): %.0f transfers/s\n",
              static_cast<long long>(through), seconds, window, through / seconds);
}

// Paced at `rate`: submit at Kunming → DISPATCHED at Qujing.
void Latency(const Federation& f, double rate, absl::Duration duration, int clients) {
  const int count = static_cast<int>(rate * absl::ToDoubleSeconds(duration));
  const absl::Time start = absl::Now() + absl::Milliseconds(100);
  const Submitted s = Submit(f, count, clients, [&](int i) {
    const absl::Time due = start + absl::Seconds(i / rate);
    if (absl::Now() < due) absl::SleepFor(due - absl::Now());
    return true;
  });
  std::map<std::string, absl::Time> dispatched;
  PollUntil(
      absl::Seconds(60),
      [&] {
        dispatched = f.DispatchedAtQujing(s.numbers);
        return dispatched.size() == s.numbers.size();
      },
      absl::Milliseconds(500));
  std::vector<double> ms;
  for (size_t i = 0; i < s.numbers.size(); ++i) {
    auto it = dispatched.find(s.numbers[i]);
    if (it != dispatched.end()) ms.push_back(support::Ms(it->second - s.at[i]));
  }
  if (ms.empty()) Fail("no transfer was dispatched at Qujing within a minute");
  const double p50 = support::Percentile(ms, 0.5), p99 = support::Percentile(ms, 0.99);
  std::printf(
      "latency     %zu of %zu dispatched at Qujing at %.0f/s: p50 %.0f ms, p99 %.0f ms "
      "(target p99 <= 1000 ms) %s\n",
      ms.size(), s.numbers.size(), rate, p50, p99,
      Verdict(p99 <= 1000 && ms.size() == s.numbers.size()).c_str());
}

// The province's transfer away for `outage` while `backlog` tickets are taken at Kunming.
void Drain(const Federation& f, int backlog, absl::Duration outage, int clients) {
  auto province = transfer::testing::FederationService::Of(f.dir(), "53", "hotline-transfer");
  if (!province.ok()) Fail(province.status().ToString());
  const int64_t base = f.ArrivedAtQujing();
  support::OkOrFail(province->Stop());
  const absl::Time stopped = absl::Now();
  const Submitted s = Submit(f, backlog, clients, [](int) { return true; });
  const double took = absl::ToDoubleSeconds(absl::Now() - stopped);
  // Every one waits in Kunming's outbox before the province comes back.
  PollUntil(
      absl::Minutes(5), [&] { return f.PendingAtKunming() >= int64_t(s.numbers.size()); },
      absl::Milliseconds(500));
  if (absl::Now() - stopped < outage) absl::SleepFor(outage - (absl::Now() - stopped));
  std::printf("drain       %zu transfers taken at Kunming in %.1f s; province away %.0f s\n",
              s.numbers.size(), took, absl::ToDoubleSeconds(absl::Now() - stopped));
  support::OkOrFail(province->Start());
  const absl::Time back = absl::Now();
  const int64_t want = base + static_cast<int64_t>(s.numbers.size());
  const bool drained = PollUntil(
      absl::Minutes(10), [&] { return f.ArrivedAtQujing() >= want; }, absl::Milliseconds(100));
  // A backlog that never arrives is a failure, not a figure (the ctest smoke run relies on it).
  if (!drained) Fail("the backlog did not reach Qujing within 10 minutes of the restart");
  const double seconds = absl::ToDoubleSeconds(absl::Now() - back);
  const double rate = (f.ArrivedAtQujing() - base) / seconds;
  std::printf(
      "drain       backlog at Qujing %.1f s after the restart: %.0f transfers/s "
      "(target >= 1000/s) %s\n",
      seconds, rate, Verdict(drained && rate >= 1000).c_str());
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each phase's line as soon as it is measured
  using namespace hotline::bench;
  const bool quick = absl::GetFlag(FLAGS_quick);
  const Federation federation(absl::GetFlag(FLAGS_federation_dir));
  const int clients = absl::GetFlag(FLAGS_clients);
  for (absl::string_view phase : absl::StrSplit(absl::GetFlag(FLAGS_phases), ',')) {
    if (phase == "throughput") {
      Throughput(federation, absl::GetFlag(FLAGS_window),
                 quick ? absl::Seconds(3) : absl::GetFlag(FLAGS_duration), clients);
    } else if (phase == "latency") {
      Latency(federation, absl::GetFlag(FLAGS_rate),
              quick ? absl::Seconds(3) : absl::GetFlag(FLAGS_latency_duration), clients);
    } else if (phase == "drain") {
      Drain(federation, quick ? 200 : absl::GetFlag(FLAGS_backlog),
            quick ? absl::Seconds(3) : absl::GetFlag(FLAGS_outage), clients);
    } else {
      hotline::support::Fail(absl::StrCat("unknown phase ", phase));
    }
  }
  return 0;
}
