#include "services/provincial-transfer/app/outbox_pull.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"

namespace hotline::transfer {

absl::StatusOr<PulledPage> OutboxPull::Answer(const PeerConfig& peer,
                                              const PullRequest& request) const {
  std::vector<FieldViolation> bad;
  int64_t after = 0;
  if (!request.cursor.empty() && (!absl::SimpleAtoi(request.cursor, &after) || after < 0)) {
    bad.push_back({"cursor", "not a cursor this instance gave: use \"\" or a next_cursor"});
  }
  if (request.limit < 0 || request.limit > kMaxLimit) {
    bad.push_back({"limit", absl::StrCat("must be 0 (", kDefaultLimit, ") to ", kMaxLimit)});
  }
  if (request.taken.size() > static_cast<size_t>(kMaxLimit)) {
    bad.push_back({"taken", absl::StrCat("at most ", kMaxLimit, " ids")});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const int limit = request.limit == 0 ? kDefaultLimit : request.limit;

  return transactions_.RunFor<PulledPage>([&](Transaction& tx) -> absl::StatusOr<PulledPage> {
    deliveries_.MarkTaken(tx, peer.instance_code, request.taken, clock_.Now());
    PulledPage page;
    page.next_cursor = request.cursor;
    for (OutboxMessage& m : deliveries_.PendingAfter(tx, peer.instance_code, after, limit)) {
      page.next_cursor = absl::StrCat(m.id);
      // One that does not open is the sender's to dead-letter; the page moves past it.
      if (!m.readable.ok()) continue;
      page.envelopes.push_back(std::move(m.envelope));
      page.message_ids.push_back(m.id);
    }
    return page;
  });
}

}  // namespace hotline::transfer
