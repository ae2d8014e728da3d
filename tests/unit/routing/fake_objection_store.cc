#include "tests/unit/routing/fake_objection_store.h"

#include "absl/strings/match.h"
#include "libs/common/proto_time.h"

namespace hotline::testing {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

void FakeObjectionStore::SetWindow(Transaction&, const routing::ObjectionWindowRule& rule) const {
  for (routing::ObjectionWindowRule& w : windows_) {
    if (w.category_prefix == rule.category_prefix) {
      w = rule;
      return;
    }
  }
  windows_.push_back(rule);
}

v1::Objection FakeObjectionStore::Insert(Transaction&, int64_t ticket_id,
                                         const v1::Objection& o) const {
  routing::ObjectionRecord rec{ticket_id, o};
  rec.objection.set_id(static_cast<int64_t>(rows_.size()) + 1);
  rec.objection.set_state(v1::OBJECTION_STATE_PENDING);
  rows_[rec.objection.id()] = rec;
  return rec.objection;
}

absl::StatusOr<routing::ObjectionRecord> FakeObjectionStore::Lock(Transaction&, int64_t id) const {
  auto it = rows_.find(id);
  if (it == rows_.end()) return absl::NotFoundError("no such objection");
  return it->second;
}

std::optional<v1::Objection> FakeObjectionStore::LatestOf(Transaction&,
                                                          int64_t assignment_id) const {
  std::optional<v1::Objection> latest;
  for (const auto& [id, rec] : rows_) {
    if (rec.objection.assignment_id() == assignment_id) latest = rec.objection;
  }
  return latest;
}

void FakeObjectionStore::Decide(Transaction&, const v1::Objection& o) const {
  rows_.at(o.id()).objection = o;
}

int FakeObjectionStore::UpheldCount(Transaction&, int64_t ticket_id) const {
  int n = 0;
  for (const auto& [id, rec] : rows_) {
    n += rec.ticket_id == ticket_id && rec.objection.state() == v1::OBJECTION_STATE_UPHELD;
  }
  return n;
}

bool FakeObjectionStore::Matches(const routing::ObjectionRecord& rec,
                                 const routing::ObjectionFilter& f) const {
  const v1::Objection& o = rec.objection;
  if (o.state() != v1::OBJECTION_STATE_PENDING) return false;
  if (assignments_.Get(o.assignment_id()).state() != common::ASSIGNMENT_STATE_DISPATCHED) {
    return false;
  }
  if (!absl::StartsWith(o.region_code(), f.region_prefix)) return false;
  if (!f.category_prefix.empty() && o.category() != f.category_prefix &&
      !absl::StartsWith(o.category(), f.category_prefix + "/")) {
    return false;
  }
  if (f.urgency != 0 && o.urgency() != f.urgency) return false;
  return !f.raised_before || FromTimestamp(o.raised_at()) <= *f.raised_before;
}

std::vector<v1::Objection> FakeObjectionStore::ListPending(
    Transaction&, const routing::ObjectionFilter& filter,
    const std::optional<routing::ObjectionCursor>& after, int limit) const {
  std::vector<v1::Objection> out;
  // Ids grow with the fake clock, so id order is raised_at order here.
  for (const auto& [id, rec] : rows_) {
    if (!Matches(rec, filter) || (after && id <= after->id)) continue;
    if (static_cast<int>(out.size()) == limit) break;
    out.push_back(rec.objection);
  }
  return out;
}

int64_t FakeObjectionStore::CountPending(Transaction&,
                                         const routing::ObjectionFilter& filter) const {
  int64_t n = 0;
  for (const auto& [id, rec] : rows_) n += Matches(rec, filter);
  return n;
}

}  // namespace hotline::testing
