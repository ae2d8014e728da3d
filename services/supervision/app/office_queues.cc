#include "services/supervision/app/office_queues.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;

std::string EncodeCursor(const QueueCursor& c) { return absl::StrCat(c.at_micros, ".", c.id); }

std::optional<QueueCursor> DecodeCursor(const std::string& token) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  QueueCursor c;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &c.at_micros) ||
      !absl::SimpleAtoi(parts[1], &c.id)) {
    return std::nullopt;
  }
  return c;
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A category code or a parent of one: lower-case words joined by '-' and '/'.
bool ValidCategoryPrefix(absl::string_view p) {
  if (p.empty()) return true;
  if (p.front() == '/' || p.back() == '/' || absl::StrContains(p, "//")) return false;
  for (char c : p) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '/') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<OfficeQueuePage> OfficeQueues::List(const std::string& jurisdiction,
                                                   OfficeQueue queue,
                                                   const OfficeQueueQuery& query) {
  std::vector<FieldViolation> bad;
  if (query.page_size < 0 || query.page_size > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  std::optional<QueueCursor> after;
  if (!query.page_token.empty()) {
    after = DecodeCursor(query.page_token);
    if (!after) bad.push_back({"page_token", "is not a token this service returned"});
  }
  QueueFilter filter = query.filter;
  // The narrower of the office's jurisdiction and the requested prefix.
  if (!AllDigits(filter.region_prefix)) {
    bad.push_back({"region_prefix", "must be digits of a division code"});
  } else if (absl::StartsWith(jurisdiction, filter.region_prefix)) {
    filter.region_prefix = jurisdiction;
  } else if (!absl::StartsWith(filter.region_prefix, jurisdiction)) {
    bad.push_back({"region_prefix",
                   absl::StrCat("must lie within the caller's jurisdiction ", jurisdiction)});
  }
  if (!ValidCategoryPrefix(filter.category_prefix)) {
    bad.push_back({"category_prefix", "must be a category code or a parent of one"});
  }
  if (filter.urgency != 0 && !common::Urgency_IsValid(filter.urgency)) {
    bad.push_back({"urgency", "is not an urgency"});
  }
  if (query.min_age && *query.min_age < absl::ZeroDuration()) {
    bad.push_back({"min_age", "must not be negative"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  if (query.min_age) filter.since_before = clock_.Now() - *query.min_age;
  const int limit = query.page_size == 0 ? 50 : query.page_size;
  return transactions_.RunFor<OfficeQueuePage>(
      [&](Transaction& tx) -> absl::StatusOr<OfficeQueuePage> {
        std::vector<QueueRow> rows = store_.List(tx, queue, filter, after, limit + 1);
        OfficeQueuePage page;
        const bool more = static_cast<int>(rows.size()) > limit;
        if (more) rows.resize(limit);
        for (QueueRow& row : rows) page.items.push_back(std::move(row.item));
        if (more) page.next_page_token = EncodeCursor(rows.back().cursor);
        page.total = store_.Count(tx, queue, filter);
        return page;
      });
}

}  // namespace hotline::supervision
