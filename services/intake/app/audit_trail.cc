#include "services/intake/app/audit_trail.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/service/text_limits.h"

namespace hotline::intake {
namespace {

// "micros|ticket_id|action|actor": the actor last, since it is the one part free to hold '|'.
std::string EncodeCursor(const AuditCursor& c) {
  return absl::StrCat(absl::ToUnixMicros(c.at), "|", c.ticket_id, "|", c.action, "|", c.actor);
}

std::optional<AuditCursor> DecodeCursor(const std::string& token) {
  std::vector<std::string> parts = absl::StrSplit(token, absl::MaxSplits('|', 3));
  AuditCursor c;
  int64_t micros = 0;
  if (parts.size() != 4 || !absl::SimpleAtoi(parts[0], &micros) ||
      !absl::SimpleAtoi(parts[1], &c.ticket_id) || parts[2].empty() || parts[3].empty()) {
    return std::nullopt;
  }
  c.at = absl::FromUnixMicros(micros);
  c.action = std::move(parts[2]);
  c.actor = std::move(parts[3]);
  return c;
}

}  // namespace

absl::StatusOr<AuditTrailPage> AuditTrail::List(const hotline::common::v1::Actor& reader,
                                                const AuditTrailQuery& query) {
  std::vector<FieldViolation> bad;
  service::CheckFreeText("ticket_number", query.ticket_number, 40, /*required=*/false, bad);
  service::CheckFreeText("actor", query.actor, 128, /*required=*/false, bad);
  if (query.from >= query.to) bad.push_back({"to", "must be later than from"});
  if (query.page_size < 0 || query.page_size > kMaxPageSize) {
    bad.push_back({"page_size", absl::StrCat("must be between 0 and ", kMaxPageSize)});
  }
  std::optional<AuditCursor> after;
  if (!query.page_token.empty()) {
    after = DecodeCursor(query.page_token);
    if (!after) bad.push_back({"page_token", "is not a token this RPC returned"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));

  const int limit = query.page_size == 0 ? kDefaultPageSize : query.page_size;
  const AuditFilter filter{reader.jurisdiction(), query.ticket_number, query.actor, query.from,
                           query.to};
  return transactions_.RunFor<AuditTrailPage>(
      [&](Transaction& tx) -> absl::StatusOr<AuditTrailPage> {
        std::vector<AuditRow> rows = store_.List(tx, filter, after ? &*after : nullptr, limit + 1);
        AuditTrailPage page;
        const bool more = static_cast<int>(rows.size()) > limit;
        if (more) rows.resize(limit);
        if (more) page.next_page_token = EncodeCursor(rows.back().cursor);
        for (AuditRow& row : rows) page.entries.push_back(std::move(row.entry));
        return page;
      });
}

}  // namespace hotline::intake
