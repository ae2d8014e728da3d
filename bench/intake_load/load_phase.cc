#include "bench/intake_load/load_phase.h"

#include <grpcpp/create_channel.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/support/bench_util.h"

namespace hotline::bench {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

constexpr const char* kDistricts[] = {"530102", "530103", "530111", "530112", "530113", "530114"};
constexpr const char* kMatters[] = {"停水",     "停电",     "路灯不亮", "噪音扰民", "垃圾未清运",
                                    "井盖缺失", "占道经营", "油烟污染", "违章停车", "供暖不热"};

v1::SubmitTicketRequest RandomRequest(absl::BitGen& gen, const std::string& key) {
  v1::SubmitTicketRequest r;
  r.set_idempotency_key(key);
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("urban-management/other");
  r.set_region_code(kDistricts[absl::Uniform(gen, 0u, 6u)]);
  r.mutable_caller()->set_name("王先生");
  r.mutable_caller()->set_phone(absl::StrCat("139", absl::Uniform(gen, 10000000, 99999999)));
  const int n = absl::Uniform(gen, 1, 10000);
  r.set_content(absl::StrCat("第", n, "号楼附近", kMatters[absl::Uniform(gen, 0u, 10u)],
                             "的问题已经持续", absl::Uniform(gen, 2, 30), "天，编号", n * 7919,
                             "，请尽快处理。"));
  return r;
}

}  // namespace

IntakeClients::IntakeClients(const std::string& address, std::string token, int clients)
    : token_(std::move(token)),
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

LoadResult IntakeClients::Run(absl::Duration length, double rate, const std::string& phase) {
  const int clients = static_cast<int>(stubs_.size());
  // Open loop: each client sends every `interval`, the clients staggered across it.
  const absl::Duration interval = rate > 0 ? absl::Seconds(clients / rate) : absl::ZeroDuration();
  LoadResult result;
  absl::Mutex mu;
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now(), end = start + length;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      v1::Intake::Stub& stub = *stubs_[c];
      absl::BitGen gen;
      LoadResult mine;
      absl::Time next = start + interval * c / clients;
      for (int64_t i = 0;; ++i) {
        if (interval > absl::ZeroDuration()) {
          if (next >= end) break;
          absl::SleepFor(next - absl::Now());
        } else if (absl::Now() >= end) {
          break;
        }
        const absl::Time sent = interval > absl::ZeroDuration() ? next : absl::Now();
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + token_);
        context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
        v1::SubmitTicketResponse response;
        const grpc::Status status = stub.SubmitTicket(
            &context, RandomRequest(gen, absl::StrCat(phase, "-", run_tag_, "-", c, "-", i)),
            &response);
        mine.latencies_ms.push_back(Ms(absl::Now() - sent));
        (status.ok() ? mine.ok : mine.failed)++;
        if (!status.ok() && mine.first_error.empty()) {
          mine.first_error = absl::StrCat(status.error_code(), " ", status.error_message());
        }
        next += interval;
      }
      absl::MutexLock lock(&mu);
      result.ok += mine.ok;
      result.failed += mine.failed;
      if (result.first_error.empty()) result.first_error = mine.first_error;
      result.latencies_ms.insert(result.latencies_ms.end(), mine.latencies_ms.begin(),
                                 mine.latencies_ms.end());
    });
  }
  for (auto& t : threads) t.join();
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
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
}

}  // namespace hotline::bench
