#include "bench/reporting/history_loader.h"

#include <pqxx/stream_to>
#include <tuple>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
namespace {

std::string Utc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", t, absl::UTCTimeZone());
}

}  // namespace

void HistoryLoader::Load(const std::vector<GeneratedTicket>& tickets,
                         const std::vector<hotline::common::v1::EventEnvelope>& events) {
  pg::PgTransactionRunner runner(pool_);
  support::OkOrFail(runner.Run([&](Transaction& tx) -> absl::Status {
    pqxx::work& work = pg::Work(tx);
    pqxx::stream_to stream(
        work, "tickets",
        std::vector<std::string>{"number", "instance_id", "channel", "source_line", "kind",
                                 "urgency", "category", "region_code", "involves_minor", "state",
                                 "created_at", "updated_at"});
    for (const GeneratedTicket& t : tickets) {
      const std::string at = Utc(t.created_at);
      stream << std::make_tuple(absl::StrCat("53-", t.id), "53", t.channel, t.line, t.kind,
                                t.urgency, t.category, t.region_code, t.involves_minor, "CLOSED",
                                at, at);
    }
    stream.complete();
    return absl::OkStatus();
  }));
  support::OkOrFail(runner.Run([&](Transaction& tx) -> absl::Status {
    pqxx::work& work = pg::Work(tx);
    pqxx::stream_to stream(
        work, "ticket_events",
        std::vector<std::string>{"event_id", "ticket_id", "ticket_version", "type",
                                 "stream_partition", "occurred_at", "envelope"});
    for (const hotline::common::v1::EventEnvelope& e : events) {
      stream << std::make_tuple(e.event_id(), e.ticket_id(), e.ticket_version(), e.type(), 0,
                                Utc(FromTimestamp(e.occurred_at())),
                                absl::StrCat("\\x", absl::BytesToHexString(e.SerializeAsString())));
    }
    stream.complete();
    return absl::OkStatus();
  }));
}

}  // namespace hotline::bench
