#include "bench/intake_load/load_phase.h"

#include <grpcpp/completion_queue.h>
#include <grpcpp/create_channel.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/support/bench_util.h"
#include "bench/support/sample_tickets.h"

namespace hotline::bench {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

// The districts of Kunming (5301): tickets spread over them as over a city line's area.
const std::vector<std::string> kDistricts = {"530102", "530103", "530111",
                                             "530112", "530113", "530114"};

}  // namespace

IntakeClients::IntakeClients(const std::string& address, std::string token, int clients,
                             double repeat_share)
    : token_(std::move(token)),
      repeat_share_(repeat_share),
      run_tag_(absl::StrCat(getpid(), "-", absl::ToUnixSeconds(absl::Now()))) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  for (int c = 0; c < clients; ++c) {
    grpc::ChannelArguments args;
    args.SetInt("hotline.bench.client", c);  // distinct arguments: a connection per client
    auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
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

}  // namespace

// The clients are driven by kDrivers threads on completion queues, not a thread each, so that
// the load generator takes as little of the machine it shares with intake as it can.
LoadResult IntakeClients::Run(absl::Duration length, double rate, const std::string& phase) {
  constexpr int kDrivers = 2;
  const int clients = static_cast<int>(stubs_.size());
  // Open loop: each client sends every `interval`, the clients staggered across it.
  const absl::Duration interval = rate > 0 ? absl::Seconds(clients / rate) : absl::ZeroDuration();
  const bool open_loop = interval > absl::ZeroDuration();
  LoadResult result;
  absl::Mutex mu;
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now(), end = start + length;
  for (int d = 0; d < std::min(kDrivers, clients); ++d) {
    threads.emplace_back([&, d] {
      grpc::CompletionQueue cq;
      std::vector<Slot> slots;
      for (int c = d; c < clients; c += kDrivers) {
        Slot& slot = slots.emplace_back();
        slot.stub = stubs_[c].get();
        slot.samples = std::make_unique<SampleTickets>(absl::Uniform<uint64_t>(absl::BitGen()),
                                                       kDistricts, repeat_share_);
        slot.due = start + interval * c / clients;
      }
      LoadResult mine;
      auto send = [&](Slot& slot, size_t index) {
        slot.context = std::make_unique<grpc::ClientContext>();
        slot.context->AddMetadata("authorization", "Bearer " + token_);
        slot.context->set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
        const std::string key =
            absl::StrCat(phase, "-", run_tag_, "-", d, "-", index, "-", slot.sent++);
        slot.reader =
            slot.stub->AsyncSubmitTicket(slot.context.get(), slot.samples->Next(key), &cq);
        slot.reader->Finish(&slot.response, &slot.status, &slot);
        slot.busy = true;
      };
      size_t busy = 0;
      while (true) {
        // Send every idle client whose next ticket is due; the earliest not yet due bounds the
        // wait.
        const absl::Time now = absl::Now();
        absl::Time wake = absl::InfiniteFuture();
        for (size_t i = 0; i < slots.size(); ++i) {
          Slot& slot = slots[i];
          if (slot.busy || slot.finished) continue;
          if (!open_loop) slot.due = now;
          if (slot.due >= end || now >= end) {
            slot.finished = true;
          } else if (slot.due <= now) {
            send(slot, i);
            ++busy;
          } else {
            wake = std::min(wake, slot.due);
          }
        }
        if (busy == 0 && wake == absl::InfiniteFuture()) break;
        void* tag = nullptr;
        bool ok = false;
        if (wake == absl::InfiniteFuture()) {
          if (!cq.Next(&tag, &ok)) break;
        } else if (cq.AsyncNext(&tag, &ok, absl::ToChronoTime(wake)) !=
                   grpc::CompletionQueue::GOT_EVENT) {
          continue;  // a client became due
        }
        Slot& slot = *static_cast<Slot*>(tag);
        slot.busy = false;
        --busy;
        mine.latencies_ms.push_back(Ms(absl::Now() - slot.due));
        mine.due_s.push_back(absl::ToDoubleSeconds(slot.due - start));
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
        slot.due += interval;
      }
      cq.Shutdown();
      void* tag = nullptr;
      bool ok = false;
      while (cq.Next(&tag, &ok)) {
      }
      absl::MutexLock lock(&mu);
      result.ok += mine.ok;
      result.failed += mine.failed;
      result.flagged_duplicates += mine.flagged_duplicates;
      result.not_accepted += mine.not_accepted;
      if (result.first_error.empty()) result.first_error = mine.first_error;
      result.latencies_ms.insert(result.latencies_ms.end(), mine.latencies_ms.begin(),
                                 mine.latencies_ms.end());
      result.due_s.insert(result.due_s.end(), mine.due_s.begin(), mine.due_s.end());
    });
  }
  for (auto& t : threads) t.join();
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  result.started = start;
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

}  // namespace hotline::bench
