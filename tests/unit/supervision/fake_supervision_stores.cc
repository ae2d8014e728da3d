#include "tests/unit/supervision/fake_supervision_stores.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/match.h"
#include "libs/common/proto_time.h"

namespace hotline::supervision::testing {

namespace v1 = hotline::supervision::v1;

std::optional<ClockRow> FakeClockStore::Insert(Transaction&, const ClockRow& row) {
  for (const auto& [id, c] : rows_) {
    if (c.ticket_id == row.ticket_id && c.kind == row.kind &&
        c.assignment_id == row.assignment_id && c.state != ClockState::kStopped) {
      return std::nullopt;
    }
  }
  ClockRow stored = row;
  stored.id = rows_.empty() ? 1 : rows_.rbegin()->first + 1;
  rows_[stored.id] = stored;
  return stored;
}

void FakeClockStore::SaveMany(Transaction&, const std::vector<ClockRow>& rows) {
  for (const ClockRow& c : rows) {
    auto it = rows_.find(c.id);
    if (it == rows_.end()) continue;
    ClockRow& stored = it->second;
    stored.state = c.state;
    stored.unit_id = c.unit_id;
    stored.superior_unit_id = c.superior_unit_id;
    stored.due_at = c.due_at;
    stored.warn_at = c.warn_at;
    stored.paused_since = c.paused_since;
    stored.paused = c.paused;
    stored.extensions = c.extensions;
    stored.last_step = c.last_step;
    stored.next_fire_at = c.next_fire_at;
  }
}

std::vector<ClockRow> FakeClockStore::Live(Transaction&, int64_t ticket_id) {
  std::vector<ClockRow> out;
  for (const auto& [id, c] : rows_) {
    if (c.ticket_id == ticket_id && c.state != ClockState::kStopped) out.push_back(c);
  }
  return out;
}

std::vector<ClockRow> FakeClockStore::OfTicket(Transaction&, int64_t ticket_id) {
  std::vector<ClockRow> out;
  for (auto it = rows_.rbegin(); it != rows_.rend(); ++it) {
    if (it->second.ticket_id == ticket_id) out.push_back(it->second);
  }
  return out;
}

std::vector<ClockRow> FakeClockStore::ClaimDue(Transaction&, absl::Time now, int limit) {
  std::vector<ClockRow> out;
  for (const auto& [id, c] : rows_) {
    if (c.state == ClockState::kRunning && c.next_fire_at && *c.next_fire_at <= now) {
      out.push_back(c);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ClockRow& a, const ClockRow& b) {
    return *a.next_fire_at < *b.next_fire_at;
  });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

std::vector<ClockRow> FakeClockStore::Open(Transaction&, const std::string& region_prefix,
                                           const ClockPage& page) {
  std::vector<ClockRow> out;
  for (const auto& [id, c] : rows_) {
    if (c.state != ClockState::kRunning || !absl::StartsWith(c.region_code, region_prefix) ||
        c.due_at < page.from || c.due_at >= page.until ||
        (page.kind != 0 && static_cast<int>(c.kind) != page.kind)) {
      continue;
    }
    if (page.after && std::make_pair(c.due_at, c.id) <= *page.after) continue;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const ClockRow& a, const ClockRow& b) {
    return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id);
  });
  if (static_cast<int>(out.size()) > page.limit) out.resize(page.limit);
  return out;
}

std::vector<ClockRow> FakeClockStore::Of(int64_t ticket_id, ClockKind kind) const {
  std::vector<ClockRow> out;
  for (const auto& [id, c] : rows_) {
    if (c.ticket_id == ticket_id && c.kind == kind) out.push_back(c);
  }
  return out;
}

int64_t FakeRequestStore::AddSuspension(Transaction&, const SuspensionRequestDraft& draft) {
  const int64_t id = data_.next_id++;
  data_.suspensions[id] = {draft};
  return id;
}

std::optional<SuspensionRequestHead> FakeRequestStore::LockSuspension(Transaction&, int64_t id) {
  auto it = data_.suspensions.find(id);
  if (it == data_.suspensions.end()) return std::nullopt;
  return SuspensionRequestHead{it->second.draft.ticket_number, it->second.state};
}

void FakeRequestStore::DecideSuspension(Transaction&, int64_t id, v1::ExtensionState state,
                                        const std::string& reason, absl::Time) {
  Suspension& s = data_.suspensions.at(id);
  s.state = state;
  s.decision_reason = reason;
}

int64_t FakeRequestStore::AddExtension(Transaction&, int64_t ticket_id, const std::string&,
                                       const v1::ExtensionRequest& request) {
  const int64_t id = data_.next_id++;
  Extension& e = data_.extensions[id];
  e.ticket_id = ticket_id;
  e.request = request;
  e.request.set_id(id);
  e.request.set_state(v1::EXTENSION_STATE_PENDING);
  return id;
}

std::optional<v1::ExtensionRequest> FakeRequestStore::LockExtension(Transaction&, int64_t id) {
  auto it = data_.extensions.find(id);
  if (it == data_.extensions.end()) return std::nullopt;
  v1::ExtensionRequest r = it->second.request;
  r.clear_decision_reason();
  r.clear_decided_at();
  return r;
}

void FakeRequestStore::DecideExtension(Transaction&, int64_t id, v1::ExtensionState state,
                                       const std::string& reason, absl::Time at) {
  v1::ExtensionRequest& r = data_.extensions.at(id).request;
  r.set_state(state);
  r.set_decision_reason(reason);
  *r.mutable_decided_at() = ToTimestamp(at);
}

std::vector<v1::ExtensionRequest> FakeRequestStore::ExtensionsOfTicket(
    Transaction&, int64_t ticket_id, const std::string& ticket_number) {
  std::vector<v1::ExtensionRequest> out;
  for (const auto& [id, e] : data_.extensions) {
    if (e.ticket_id != ticket_id) continue;
    out.push_back(e.request);
    out.back().set_ticket_number(ticket_number);
  }
  return out;
}

}  // namespace hotline::supervision::testing
