#include "tests/unit/routing/fake_routing_stores.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "libs/common/proto_time.h"

namespace hotline::testing {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

void FakeManualQueueStore::Enqueue(Transaction&, int64_t ticket_id,
                                   const v1::ManualQueueEntry& e) const {
  auto [it, inserted] = entries_.emplace(ticket_id, e);
  if (inserted) return;
  // As ON CONFLICT: the reason and the objection are updated, the rest stays.
  it->second.set_reason_code(e.reason_code());
  it->second.set_reason(e.reason());
  it->second.set_review_with_department(e.review_with_department());
  it->second.set_objection(e.objection());
  it->second.set_objecting_unit_id(e.objecting_unit_id());
}

void FakeManualQueueStore::Dequeue(Transaction&, int64_t ticket_id) const {
  entries_.erase(ticket_id);
}

std::vector<std::pair<routing::QueueCursor, v1::ManualQueueEntry>> FakeManualQueueStore::List(
    Transaction&, const std::string& region_prefix,
    const std::optional<routing::QueueCursor>& after, int limit) const {
  auto key = [](const routing::QueueCursor& c) {
    return std::make_tuple(-c.urgency, c.queued_at_micros, c.ticket_id);
  };
  std::vector<std::pair<routing::QueueCursor, v1::ManualQueueEntry>> out;
  for (const auto& [ticket_id, e] : entries_) {
    if (e.region_code().compare(0, region_prefix.size(), region_prefix) != 0) continue;
    routing::QueueCursor cursor{static_cast<int>(e.urgency()),
                                absl::ToUnixMicros(FromTimestamp(e.queued_at())), ticket_id};
    if (after && !(key(cursor) > key(*after))) continue;
    out.push_back({cursor, e});
  }
  std::sort(out.begin(), out.end(),
            [&](const auto& a, const auto& b) { return key(a.first) < key(b.first); });
  if (static_cast<int>(out.size()) > limit) out.resize(limit);
  return out;
}

std::vector<v1::Assignment> FakeAssignmentStore::Insert(
    Transaction&, const common::Ticket& ticket, int round,
    const std::vector<routing::NewAssignment>& units, absl::Time now) const {
  std::vector<v1::Assignment> out;
  for (const routing::NewAssignment& u : units) {
    const int64_t id = rows_.empty() ? 1 : rows_.rbegin()->first + 1;
    routing::AssignmentRecord& rec = rows_[id];
    rec.ticket_id = ticket.id();
    v1::Assignment& a = rec.assignment;
    a.set_id(id);
    a.set_ticket_number(ticket.number());
    a.set_unit_id(u.unit_id);
    a.set_role(u.role);
    a.set_state(common::ASSIGNMENT_STATE_DISPATCHED);
    a.set_round(round);
    a.set_notify_order(u.notify_order);
    *a.mutable_dispatched_at() = ToTimestamp(now);
    a.set_category(ticket.category());
    a.set_region_code(ticket.region().code());
    a.set_urgency(ticket.urgency());
    a.set_kind(ticket.kind());
    out.push_back(a);
  }
  return out;
}

absl::StatusOr<routing::AssignmentRecord> FakeAssignmentStore::Lock(Transaction&,
                                                                    int64_t assignment_id) const {
  auto it = rows_.find(assignment_id);
  if (it == rows_.end()) return absl::NotFoundError("no such assignment");
  return it->second;
}

void FakeAssignmentStore::Save(Transaction&, const v1::Assignment& a) const {
  v1::Assignment& stored = rows_.at(a.id()).assignment;
  stored.set_state(a.state());
  *stored.mutable_signed_at() = a.signed_at();
  *stored.mutable_replied_at() = a.replied_at();
  stored.set_reply(a.reply());
  stored.set_return_reason(a.return_reason());
  *stored.mutable_reply_due_at() = a.reply_due_at();
}

routing::RecordedContact FakeAssignmentStore::RecordContact(Transaction&, const v1::Assignment& a,
                                                            v1::ContactMeans means,
                                                            absl::Time contacted_at,
                                                            absl::Time now) const {
  routing::RecordedContact recorded;
  recorded.first = ContactsOf(a.id()).empty();
  v1::CallerContact& c = recorded.contact;
  c.set_id(static_cast<int64_t>(contacts_.size()) + 1);
  c.set_assignment_id(a.id());
  c.set_unit_id(a.unit_id());
  c.set_round(a.round());
  c.set_means(means);
  *c.mutable_contacted_at() = ToTimestamp(contacted_at);
  *c.mutable_recorded_at() = ToTimestamp(now);
  contacts_.push_back(c);
  return recorded;
}

std::vector<v1::CallerContact> FakeAssignmentStore::ContactsOf(int64_t assignment_id) const {
  std::vector<v1::CallerContact> out;
  for (const v1::CallerContact& c : contacts_) {
    if (c.assignment_id() == assignment_id) out.push_back(c);
  }
  return out;
}

void FakeAssignmentStore::SetReplyDue(Transaction&, int64_t assignment_id, absl::Time due) const {
  if (auto it = rows_.find(assignment_id); it != rows_.end()) {
    *it->second.assignment.mutable_reply_due_at() = ToTimestamp(due);
  }
}

std::vector<v1::Assignment> FakeAssignmentStore::OfRound(Transaction&, int64_t ticket_id,
                                                         int round) const {
  std::vector<v1::Assignment> out;
  for (const auto& [id, rec] : rows_) {
    if (rec.ticket_id == ticket_id && rec.assignment.round() == round) {
      out.push_back(rec.assignment);
    }
  }
  return out;
}

routing::TicketRouting FakeAssignmentStore::RoutingStateOf(Transaction&, int64_t ticket_id) const {
  routing::TicketRouting routing;
  routing.queued = queue_.Contains(ticket_id);
  std::set<std::string> returned;
  for (const auto& [id, rec] : rows_) {
    if (rec.ticket_id != ticket_id) continue;
    routing.round = std::max(routing.round, rec.assignment.round());
    if (rec.assignment.role() == common::ASSIGNMENT_ROLE_LEAD &&
        rec.assignment.state() == common::ASSIGNMENT_STATE_RETURNED) {
      returned.insert(rec.assignment.unit_id());
    }
  }
  routing.returned_by.assign(returned.begin(), returned.end());
  return routing;
}

std::vector<v1::Assignment> FakeAssignmentStore::ListForUnit(Transaction&,
                                                             const std::string& unit_id,
                                                             common::AssignmentState state,
                                                             int64_t before_id, int limit) const {
  std::vector<v1::Assignment> out;
  for (auto it = rows_.rbegin(); it != rows_.rend() && static_cast<int>(out.size()) < limit; ++it) {
    const v1::Assignment& a = it->second.assignment;
    if (a.unit_id() != unit_id) continue;
    if (state != common::ASSIGNMENT_STATE_UNSPECIFIED && a.state() != state) continue;
    if (before_id != 0 && a.id() >= before_id) continue;
    out.push_back(a);
  }
  return out;
}

std::vector<v1::Assignment> FakeAssignmentStore::OfTicket(int64_t ticket_id) const {
  std::vector<v1::Assignment> out;
  for (const auto& [id, rec] : rows_) {
    if (rec.ticket_id == ticket_id) out.push_back(rec.assignment);
  }
  return out;
}

}  // namespace hotline::testing
