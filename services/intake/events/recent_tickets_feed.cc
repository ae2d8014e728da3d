#include "services/intake/events/recent_tickets_feed.h"

#include "absl/container/flat_hash_map.h"
#include "libs/common/log.h"
#include "services/intake/rules/text_terms.h"

namespace hotline::intake {
namespace {

// A larger jump is not transactions in flight (the sequence was reset or restored): not tracked.
constexpr int64_t kMaxTrackedGap = 10000;

}  // namespace

RecentTicketsFeed::RecentTicketsFeed(TransactionRunner& transactions,
                                     const RecentTicketsSource& source, RecentTickets& recent,
                                     const Clock& clock, absl::Duration window,
                                     RecentTicketsFeedOptions options)
    : transactions_(transactions),
      source_(source),
      recent_(recent),
      clock_(clock),
      window_(window),
      options_(options) {}

RecentTicketsFeed::~RecentTicketsFeed() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::Status RecentTicketsFeed::Load() {
  const absl::Time start = absl::Now();
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    const int64_t first = source_.FirstSince(tx, clock_.Now() - window_);
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
  std::vector<SeenTicket> seen;
  std::vector<std::pair<RecentTicket, std::string>> unknown;  // with its content
  // Details are read only for tickets this replica does not hold yet, which in a single replica
  // is none: it wrote them itself.
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    unknown.clear();
    seen = source_.NewTickets(tx, cursor_, looked_for, options_.batch);
    std::vector<int64_t> wanted;
    for (const SeenTicket& t : seen) {
      if (!t.excluded && !recent_.Contains(t.id)) wanted.push_back(t.id);
    }
    if (wanted.empty()) return absl::OkStatus();
    absl::flat_hash_map<int64_t, absl::Time> created;
    for (const SeenTicket& t : seen) created[t.id] = t.created_at;
    for (TicketSketch& t : source_.Sketches(tx, wanted)) {
      unknown.push_back({{t.id,
                          std::move(t.number),
                          std::move(t.phone),
                          std::move(t.region),
                          std::move(t.category),
                          created[t.id],
                          {}},
                         std::move(t.content)});
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  for (const SeenTicket& t : seen) {
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
