#include "libs/events/stream_id.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace hotline::events {

std::optional<StreamId> StreamId::Parse(absl::string_view text) {
  StreamId id;
  const size_t dash = text.find('-');
  if (!absl::SimpleAtoi(text.substr(0, dash), &id.ms)) return std::nullopt;
  if (dash != absl::string_view::npos && !absl::SimpleAtoi(text.substr(dash + 1), &id.seq)) {
    return std::nullopt;
  }
  return id;
}

StreamId StreamId::AtTime(absl::Time t) {
  return StreamId{static_cast<uint64_t>(std::max<int64_t>(0, absl::ToUnixMillis(t))), 0};
}

std::string StreamId::ToString() const { return absl::StrCat(ms, "-", seq); }

}  // namespace hotline::events
