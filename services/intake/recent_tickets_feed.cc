#include "services/intake/recent_tickets_feed.h"

#include <pqxx/result>

#include "absl/container/flat_hash_map.h"
#include "libs/common/log.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/transact.h"
#include "services/intake/text_terms.h"

namespace hotline::intake {
namespace {

constexpr char kFirstInWindow[] = R"sql(
SELECT coalesce(min(id), 0) FROM tickets
WHERE created_at >= 'epoch'::timestamptz + $1 * interval '1 microsecond')sql";
// What is new since the cursor and which late ids appeared; two halves, each on the primary key
// (an OR of the two conditions scans the whole index). Details are read only for tickets this
// replica does not hold yet, which in a single replica is none: it wrote them itself.
constexpr char kNewTickets[] = R"sql(
(SELECT id, state IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED'),
   (extract(epoch from created_at) * 1000000)::bigint
 FROM tickets WHERE id > $1 ORDER BY id LIMIT $3)
UNION ALL
(SELECT id, state IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED'),
   (extract(epoch from created_at) * 1000000)::bigint
 FROM tickets WHERE id = ANY($2::bigint[]) AND id <= $1))sql";
constexpr char kTicketDetails[] = R"sql(
SELECT id, number, coalesce(caller_phone, ''), region_code, category, content
FROM tickets WHERE id = ANY($1::bigint[]))sql";

// A larger jump is not transactions in flight (the sequence was reset or restored): not tracked.
constexpr int64_t kMaxTrackedGap = 10000;

}  // namespace

RecentTicketsFeed::RecentTicketsFeed(pg::PgPool& pool, RecentTickets& recent, const Clock& clock,
                                     absl::Duration window, RecentTicketsFeedOptions options)
    : pool_(pool), recent_(recent), clock_(clock), window_(window), options_(options) {}

RecentTicketsFeed::~RecentTicketsFeed() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status RecentTicketsFeed::Load() {
  const absl::Time start = absl::Now();
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    const int64_t first =
        tx.exec_params1(kFirstInWindow, absl::ToUnixMicros(clock_.Now() - window_))[0]
            .as<int64_t>();
    cursor_ = first > 0 ? first - 1 : 0;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  while (true) {
    absl::StatusOr<int> read = PollOnce();
    if (!read.ok()) return read.status();
    if (*read < options_.batch) break;
  }
  log::Info("recent tickets loaded", {{"tickets", static_cast<int64_t>(recent_.size())},
                                      {"ms", absl::ToInt64Milliseconds(absl::Now() - start)}});
  return absl::OkStatus();
}

absl::StatusOr<int> RecentTicketsFeed::PollOnce() {
  const absl::Time now = clock_.Now();
  std::vector<int64_t> looked_for;
  for (auto it = missing_.begin(); it != missing_.end();) {
    if (now - it->second > options_.gap_patience) {
      missing_.erase(it++);
    } else {
      looked_for.push_back(it->first);
      ++it;
    }
  }
  struct Seen {
    int64_t id;
    bool excluded;  // refused, withdrawn or merged
    absl::Time created_at;
  };
  std::vector<Seen> seen;
  std::vector<std::pair<RecentTicket, std::string>> unknown;  // with its content
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    seen.clear();
    unknown.clear();
    std::vector<int64_t> wanted;
    for (const auto& r :
         tx.exec_params(kNewTickets, cursor_, pg::IntArrayLiteral(looked_for), options_.batch)) {
      seen.push_back(
          {r[0].as<int64_t>(), r[1].as<bool>(), absl::FromUnixMicros(r[2].as<int64_t>())});
      const Seen& t = seen.back();
      if (!t.excluded && !recent_.Contains(t.id)) wanted.push_back(t.id);
    }
    if (wanted.empty()) return absl::OkStatus();
    absl::flat_hash_map<int64_t, absl::Time> created;
    for (const Seen& t : seen) created[t.id] = t.created_at;
    for (const auto& r : tx.exec_params(kTicketDetails, pg::IntArrayLiteral(wanted))) {
      const int64_t id = r[0].as<int64_t>();
      unknown.push_back({{id,
                          r[1].as<std::string>(),
                          r[2].as<std::string>(),
                          r[3].as<std::string>(),
                          r[4].as<std::string>(),
                          created[id],
                          {}},
                         r[5].as<std::string>()});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  for (const Seen& t : seen) {
    if (t.id > cursor_) {
      if (t.id - cursor_ <= kMaxTrackedGap && now - t.created_at <= options_.gap_patience) {
        for (int64_t gap = cursor_ + 1; gap < t.id; ++gap) missing_.emplace(gap, now);
      }
      cursor_ = t.id;
    } else {
      missing_.erase(t.id);
    }
  }
  for (auto& [ticket, content] : unknown) {
    ticket.terms = TermSignature(content);
    recent_.Add(std::move(ticket));
  }
  if (now >= next_expiry_) {
    next_expiry_ = now + absl::Seconds(10);
    recent_.Expire(now);
  }
  return static_cast<int>(seen.size());
}

void RecentTicketsFeed::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void RecentTicketsFeed::Loop() {
  while (true) {
    absl::StatusOr<int> read = PollOnce();
    if (!read.ok()) {
      log::Warning("reading recent tickets failed", {{"error", read.status().ToString()}});
    }
    const bool more = read.ok() && *read >= options_.batch;
    absl::MutexLock lock(&mu_);
    if (!more) mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.poll_every);
    if (stopping_) return;
  }
}

}  // namespace hotline::intake
