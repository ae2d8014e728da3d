#include "bench/reporting/ingest_phase.h"

#include <thread>

#include "libs/events/consumer_batch.h"
#include "libs/pg/pg_transaction.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {

void HandleRead(ReportingWorld& world,
                const std::vector<const hotline::common::v1::EventEnvelope*>& read,
                bool whole_reads) {
  std::vector<events::PreparedEntry> prepared(read.size());
  for (size_t i = 0; i < read.size(); ++i) prepared[i].event = *read[i];
  auto outcomes =
      whole_reads ? events::HandleAsOneBatch(
                        world.pool, "reporting", prepared,
                        [&](const std::vector<const hotline::common::v1::EventEnvelope*>& events,
                            pqxx::work& work) {
                          pg::PgTransaction tx(work);
                          return world.keeper.ApplyBatch(tx, events);
                        })
                  : events::HandleInOneTransaction(
                        world.pool, "reporting", prepared,
                        [&](const hotline::common::v1::EventEnvelope& event, pqxx::work& work) {
                          pg::PgTransaction tx(work);
                          return world.keeper.Apply(tx, event);
                        });
  if (!outcomes.ok()) support::Fail(outcomes.status().ToString());
  for (const std::optional<bool>& handled : *outcomes) {
    if (!handled.has_value()) support::Fail("an event was not handled in its read");
  }
}

absl::Duration Ingest(ReportingWorld& world, const IngestOptions& options,
                      const std::vector<hotline::common::v1::EventEnvelope>& events) {
  const absl::Time start = absl::Now();
  std::vector<std::thread> consumers;
  for (int c = 0; c < options.consumers; ++c) {
    consumers.emplace_back([&, c] {
      std::vector<const hotline::common::v1::EventEnvelope*> read;
      for (const hotline::common::v1::EventEnvelope& e : events) {
        const int partition = static_cast<int>(e.ticket_id() % options.partitions);
        if (partition % options.consumers != c) continue;
        read.push_back(&e);
        if (static_cast<int>(read.size()) == options.batch) {
          HandleRead(world, read, options.whole_reads);
          read.clear();
        }
      }
      if (!read.empty()) HandleRead(world, read, options.whole_reads);
    });
  }
  for (std::thread& t : consumers) t.join();
  return absl::Now() - start;
}

}  // namespace hotline::bench
