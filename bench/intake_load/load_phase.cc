#include "bench/intake_load/load_phase.h"

#include <grpcpp/completion_queue.h>
#include <grpcpp/create_channel.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/core/stats.h"

namespace hotline::bench {
using support::Fail;
using support::Ms;
using support::Percentile;
using support::SampleTickets;
using support::ValueOrFail;

namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

// The districts of Kunming (5301): tickets spread over them as over a city line's area.
const std::vector<std::string> kDistricts = {"530102", "530103", "530111",
                                             "530112", "530113", "530114"};

}  // namespace

void LoadResult::Add(const LoadResult& other) {
  ok += other.ok;
  failed += other.failed;
  flagged_duplicates += other.flagged_duplicates;
  not_accepted += other.not_accepted;
  if (first_error.empty()) first_error = other.first_error;
  latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(), other.latencies_ms.end());
  due_s.insert(due_s.end(), other.due_s.begin(), other.due_s.end());
  seconds += other.seconds;
}

IntakeClients::IntakeClients(const std::string& address, const tls::ClientTls& tls,
                             std::string token, int clients, double repeat_share)
    : token_(std::move(token)),
      repeat_share_(repeat_share),
      run_tag_(absl::StrCat(getpid(), "-", absl::ToUnixSeconds(absl::Now()))) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  for (int c = 0; c < clients; ++c) {
    grpc::ChannelArguments args;
    args.SetInt("hotline.bench.client", c);  // distinct arguments: a connection per client
    std::shared_ptr<grpc::Channel> channel = ValueOrFail(tls::Dial(address, tls, args));
    if (!channel->WaitForConnected(absl::ToChronoTime(deadline))) {
      Fail(absl::StrCat("cannot connect to intake at ", address));
    }
    stubs_.push_back(v1::Intake::NewStub(channel));
  }
}

namespace {

// One client's call in flight, or its next one.
struct Slot {
  v1::Intake::Stub* stub = nullptr;
  std::unique_ptr<SampleTickets> samples;
  std::unique_ptr<grpc::ClientContext> context;
  std::unique_ptr<grpc::ClientAsyncResponseReader<v1::SubmitTicketResponse>> reader;
  v1::SubmitTicketResponse response;
  grpc::Status status;
  absl::Time due;  // when the call in flight (or the next one) was due
  int64_t sent = 0;
  bool busy = false;
  bool finished = false;
};

// A share of the clients: a pacer thread starts each call when it is due, another thread takes
// the answers from the completion queue. Pacing apart from the queue because a wait on a gRPC
// completion queue ends on a millisecond tick: a single thread doing both sent calls up to 1.8 ms
// late (0.8 ms at the median), which counted as intake's latency.
struct Driver {
  int number = 0;  // in idempotency keys
  grpc::CompletionQueue cq;
  absl::Mutex mu;
  std::vector<Slot> slots ABSL_GUARDED_BY(mu);
  size_t busy ABSL_GUARDED_BY(mu) = 0;
  bool answered ABSL_GUARDED_BY(mu) = false;  // since the pacer last looked
  bool paced_all ABSL_GUARDED_BY(mu) = false;
  LoadResult result ABSL_GUARDED_BY(mu);
};

}  // namespace

// The clients are shared by kDrivers drivers on completion queues, not a thread each, so that
// the load generator takes as little of the machine it shares with intake as it can.
LoadResult IntakeClients::Run(absl::Duration length, double rate, const std::string& phase,
                              absl::Duration lead_in) {
  constexpr int kDrivers = 2;
  const int clients = static_cast<int>(stubs_.size());
  // Open loop: each client sends every `interval`, the clients staggered across it.
  const absl::Duration interval = rate > 0 ? absl::Seconds(clients / rate) : absl::ZeroDuration();
  const bool open_loop = interval > absl::ZeroDuration();
  const absl::Time start = absl::Now(), counted = start + lead_in, end = counted + length;
  std::vector<std::unique_ptr<Driver>> drivers;
  for (int d = 0; d < std::min(kDrivers, clients); ++d) {
    Driver& driver = *drivers.emplace_back(std::make_unique<Driver>());
    driver.number = d;
    absl::MutexLock lock(&driver.mu);
    for (int c = d; c < clients; c += kDrivers) {
      Slot& slot = driver.slots.emplace_back();
      slot.stub = stubs_[c].get();
      slot.samples = std::make_unique<SampleTickets>(absl::Uniform<uint64_t>(absl::BitGen()),
                                                     kDistricts, repeat_share_);
      slot.due = start + interval * c / clients;
    }
  }
  auto send = [&](Driver& driver, size_t index) ABSL_EXCLUSIVE_LOCKS_REQUIRED(driver.mu) {
    Slot& slot = driver.slots[index];
    slot.context = std::make_unique<grpc::ClientContext>();
    slot.context->AddMetadata("authorization", "Bearer " + token_);
    slot.context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    const std::string key =
        absl::StrCat(phase, "-", run_tag_, "-", driver.number, "-", index, "-", slot.sent++);
    slot.reader =
        slot.stub->AsyncSubmitTicket(slot.context.get(), slot.samples->Next(key), &driver.cq);
    slot.reader->Finish(&slot.response, &slot.status, &slot);
    slot.busy = true;
    ++driver.busy;
  };
  // Sends every idle client whose ticket is due; returns when the next one is due.
  auto send_due = [&](Driver& driver) ABSL_EXCLUSIVE_LOCKS_REQUIRED(driver.mu) {
    const absl::Time now = absl::Now();
    absl::Time wake = absl::InfiniteFuture();
    for (size_t i = 0; i < driver.slots.size(); ++i) {
      Slot& slot = driver.slots[i];
      if (slot.busy || slot.finished) continue;
      if (!open_loop) slot.due = now;
      if (slot.due >= end || now >= end) {
        slot.finished = true;
      } else if (slot.due <= now) {
        send(driver, i);
      } else {
        wake = std::min(wake, slot.due);
      }
    }
    return wake;
  };
  auto pace = [&](Driver& driver) {
    absl::MutexLock lock(&driver.mu);
    while (true) {
      const absl::Time wake = send_due(driver);
      if (wake == absl::InfiniteFuture() && driver.busy == 0) break;  // every client finished
      driver.answered = false;
      driver.mu.AwaitWithDeadline(absl::Condition(&driver.answered), wake);
    }
    driver.paced_all = true;
  };
  auto take_answers = [&](Driver& driver) {
    while (true) {
      void* tag = nullptr;
      bool ok = false;
      const auto got =
          driver.cq.AsyncNext(&tag, &ok, absl::ToChronoTime(absl::Now() + absl::Milliseconds(50)));
      absl::MutexLock lock(&driver.mu);
      if (got != grpc::CompletionQueue::GOT_EVENT) {
        if (driver.paced_all && driver.busy == 0) break;
        continue;
      }
      Slot& slot = *static_cast<Slot*>(tag);
      slot.busy = false;
      --driver.busy;
      const absl::Time now = absl::Now();
      LoadResult& mine = driver.result;
      if (slot.due >= counted) {
        mine.latencies_ms.push_back(Ms(now - slot.due));
        mine.due_s.push_back(absl::ToDoubleSeconds(slot.due - counted));
        const bool answered = ok && slot.status.ok();
        (answered ? mine.ok : mine.failed)++;
        if (answered && !slot.response.possible_duplicate_of().empty()) mine.flagged_duplicates++;
        if (answered && slot.response.decision() != v1::SCOPE_DECISION_ACCEPTED) {
          mine.not_accepted++;
        }
        if (!answered && mine.first_error.empty()) {
          mine.first_error =
              absl::StrCat(slot.status.error_code(), " ", slot.status.error_message());
        }
      }
      slot.due = open_loop ? slot.due + interval : now;
      // Overdue (or closed loop): sent at once, without waking the pacer for it.
      if (!slot.finished && slot.due <= now && slot.due < end && now < end) {
        send(driver, static_cast<size_t>(&slot - driver.slots.data()));
      } else {
        driver.answered = true;  // the pacer sends it when due, or ends when all have finished
      }
    }
    driver.cq.Shutdown();
    void* tag = nullptr;
    bool ok = false;
    while (driver.cq.Next(&tag, &ok)) {
    }
  };
  std::vector<std::thread> threads;
  for (auto& driver : drivers) {
    threads.emplace_back(pace, std::ref(*driver));
    threads.emplace_back(take_answers, std::ref(*driver));
  }
  for (auto& t : threads) t.join();
  LoadResult result;
  for (auto& driver : drivers) {
    absl::MutexLock lock(&driver->mu);
    result.Add(driver->result);
  }
  result.seconds = absl::ToDoubleSeconds(absl::Now() - counted);
  result.started = counted;
  return result;
}

void PrintLoad(const char* name, LoadResult& r) {
  std::printf(
      "%-10s %8lld ok %5lld failed in %5.1f s = %6.0f tickets/s   latency ms p50 %6.2f  "
      "p99 %6.2f  p99.9 %6.2f\n",
      name, static_cast<long long>(r.ok), static_cast<long long>(r.failed), r.seconds, r.Rate(),
      Percentile(r.latencies_ms, 0.5), Percentile(r.latencies_ms, 0.99),
      Percentile(r.latencies_ms, 0.999));
  if (r.failed > 0) std::printf("           first error: %s\n", r.first_error.c_str());
  if (r.ok > 0 && (r.flagged_duplicates > 0 || r.not_accepted > 0)) {
    std::printf("           %.1f%% flagged as possible duplicates, %.1f%% not accepted\n",
                100.0 * static_cast<double>(r.flagged_duplicates) / static_cast<double>(r.ok),
                100.0 * static_cast<double>(r.not_accepted) / static_cast<double>(r.ok));
  }
}

void PrintSlowestStretches(const LoadResult& r, int count) {
  absl::flat_hash_map<int64_t, double> slowest;  // by 100 ms stretch
  for (size_t i = 0; i < r.due_s.size() && i < r.latencies_ms.size(); ++i) {
    double& worst = slowest[static_cast<int64_t>(r.due_s[i] * 10)];
    worst = std::max(worst, r.latencies_ms[i]);
  }
  std::vector<std::pair<double, int64_t>> ranked;
  for (const auto& [stretch, worst] : slowest) ranked.emplace_back(worst, stretch);
  std::sort(ranked.rbegin(), ranked.rend());
  if (ranked.size() > static_cast<size_t>(count)) ranked.resize(count);
  std::string line;
  for (const auto& [worst, stretch] : ranked) {
    absl::StrAppendFormat(&line, "%s%.1f s (%.1f ms)", line.empty() ? "" : ", ",
                          static_cast<double>(stretch) / 10, worst);
  }
  if (line.empty()) return;
  std::printf("           slowest 100 ms stretches: %s of a phase begun %s UTC\n", line.c_str(),
              absl::FormatTime("%H:%M:%E1S", r.started, absl::UTCTimeZone()).c_str());
}

void PrintSlowEpisodes(const LoadResult& r, double over_ms) {
  constexpr double kSameEpisodeS = 0.03;
  std::vector<double> slow_due;
  for (size_t i = 0; i < r.due_s.size() && i < r.latencies_ms.size(); ++i) {
    if (r.latencies_ms[i] > over_ms) slow_due.push_back(r.due_s[i]);
  }
  if (slow_due.empty()) return;
  std::sort(slow_due.begin(), slow_due.end());
  std::vector<double> starts = {slow_due[0]};
  for (size_t i = 1; i < slow_due.size(); ++i) {
    if (slow_due[i] - slow_due[i - 1] > kSameEpisodeS) starts.push_back(slow_due[i]);
  }
  std::vector<double> gaps;
  for (size_t i = 1; i < starts.size(); ++i) gaps.push_back(starts[i] - starts[i - 1]);
  std::string apart;
  if (!gaps.empty()) apart = absl::StrFormat(", %.2f s apart (median)", Percentile(gaps, 0.5));
  std::printf(
      "           over %.0f ms: %zu calls (%.1f%%) in %zu episodes%s\n", over_ms, slow_due.size(),
      100.0 * static_cast<double>(slow_due.size()) / static_cast<double>(r.latencies_ms.size()),
      starts.size(), apart.c_str());
}

}  // namespace hotline::bench
