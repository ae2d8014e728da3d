#include "bench/reporting/lag_phase.h"

#include <deque>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "tests/support/core/stats.h"

namespace hotline::bench {
namespace {

struct Due {
  hotline::common::v1::EventEnvelope event;
  absl::Time due;
};

// One consumer's share of the stream: what the feeder has handed over and not yet taken.
struct Queue {
  absl::Mutex mu;
  std::deque<Due> entries ABSL_GUARDED_BY(mu);
  bool closed ABSL_GUARDED_BY(mu) = false;
};

}  // namespace

LagResult MeasureLag(ReportingWorld& world, const IngestOptions& options,
                     const TicketGenerator& generator, int64_t first_ticket_id, double rate,
                     absl::Duration span) {
  std::vector<std::unique_ptr<Queue>> queues;
  for (int c = 0; c < options.consumers; ++c) queues.push_back(std::make_unique<Queue>());
  std::vector<std::vector<double>> lags(options.consumers);

  std::vector<std::thread> consumers;
  for (int c = 0; c < options.consumers; ++c) {
    consumers.emplace_back([&, c] {
      Queue& q = *queues[c];
      while (true) {
        std::vector<Due> taken;
        {
          absl::MutexLock lock(&q.mu);
          q.mu.Await(absl::Condition(
              +[](Queue* queue) ABSL_EXCLUSIVE_LOCKS_REQUIRED(queue->mu) {
                return queue->closed || !queue->entries.empty();
              },
              &q));
          if (q.entries.empty()) return;  // closed and drained
          while (!q.entries.empty() && static_cast<int>(taken.size()) < options.batch) {
            taken.push_back(std::move(q.entries.front()));
            q.entries.pop_front();
          }
        }
        std::vector<const hotline::common::v1::EventEnvelope*> read;
        for (const Due& d : taken) read.push_back(&d.event);
        HandleRead(world, read, options.whole_reads);
        const absl::Time done = absl::Now();
        for (const Due& d : taken) lags[c].push_back(absl::ToDoubleMilliseconds(done - d.due));
      }
    });
  }

  // The feeder: tickets' events one after another, each due 1/rate after the one before.
  const absl::Duration gap = absl::Seconds(1) / rate;
  const absl::Time start = absl::Now();
  absl::Time due = start;
  int64_t fed = 0;
  for (int64_t id = first_ticket_id; due < start + span; ++id) {
    GeneratedTicket ticket = generator.Ticket(id);
    for (hotline::common::v1::EventEnvelope& e : generator.EventsAt(ticket, absl::Now())) {
      absl::SleepFor(due - absl::Now());
      Queue& q = *queues[(e.ticket_id() % options.partitions) % options.consumers];
      {
        absl::MutexLock lock(&q.mu);
        q.entries.push_back({std::move(e), due});
      }
      ++fed;
      due += gap;
    }
  }
  const absl::Duration fed_in = absl::Now() - start;
  for (auto& q : queues) {
    absl::MutexLock lock(&q->mu);
    q->closed = true;
  }
  for (std::thread& t : consumers) t.join();

  std::vector<double> all;
  for (const auto& l : lags) all.insert(all.end(), l.begin(), l.end());
  LagResult result;
  result.events = fed;
  result.p50_ms = support::Percentile(all, 0.50);
  result.p99_ms = support::Percentile(all, 0.99);
  result.max_ms = support::Percentile(all, 1.0);
  result.achieved_rate = fed / absl::ToDoubleSeconds(fed_in);
  return result;
}

}  // namespace hotline::bench
