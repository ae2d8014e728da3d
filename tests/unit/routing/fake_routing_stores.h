#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/routing/store/active_unit_store.h"
#include "services/routing/store/assignment_store.h"
#include "services/routing/store/audit_store.h"
#include "services/routing/store/decision_store.h"
#include "services/routing/store/manual_queue_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::testing {

// Routing's own tables in memory, for unit tests of its use cases. Track each with the
// FakeTransactionRunner so that a failed body leaves nothing behind.

class FakeManualQueueStore final : public routing::ManualQueueStore, public FakeState {
 public:
  void Enqueue(Transaction& tx, int64_t ticket_id,
               const hotline::routing::v1::ManualQueueEntry& e) const override;
  void Dequeue(Transaction& tx, int64_t ticket_id) const override;
  std::vector<std::pair<routing::QueueCursor, hotline::routing::v1::ManualQueueEntry>> List(
      Transaction& tx, const std::string& region_prefix,
      const std::optional<routing::QueueCursor>& after, int limit) const override;

  bool Contains(int64_t ticket_id) const { return entries_.count(ticket_id) > 0; }
  const hotline::routing::v1::ManualQueueEntry& Entry(int64_t ticket_id) const {
    return entries_.at(ticket_id);
  }

  void Save() override { saved_ = entries_; }
  void Restore() override { entries_ = saved_; }

 private:
  mutable std::map<int64_t, hotline::routing::v1::ManualQueueEntry> entries_;
  std::map<int64_t, hotline::routing::v1::ManualQueueEntry> saved_;
};

class FakeAssignmentStore final : public routing::AssignmentStore, public FakeState {
 public:
  // RoutingStateOf reads whether the ticket is queued from `queue`.
  explicit FakeAssignmentStore(const FakeManualQueueStore& queue) : queue_(queue) {}

  std::vector<hotline::routing::v1::Assignment> Insert(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, int round,
      const std::vector<routing::NewAssignment>& units, absl::Time now) const override;
  absl::StatusOr<routing::AssignmentRecord> Lock(Transaction& tx,
                                                 int64_t assignment_id) const override;
  void Save(Transaction& tx, const hotline::routing::v1::Assignment& a) const override;
  void SetReplyDue(Transaction& tx, int64_t assignment_id, absl::Time due) const override;
  std::vector<hotline::routing::v1::Assignment> OfRound(Transaction& tx, int64_t ticket_id,
                                                        int round) const override;
  routing::TicketRouting RoutingStateOf(Transaction& tx, int64_t ticket_id) const override;
  std::vector<hotline::routing::v1::Assignment> ListForUnit(
      Transaction& tx, const std::string& unit_id, hotline::common::v1::AssignmentState state,
      int64_t before_id, int limit) const override;
  routing::RecordedContact RecordContact(Transaction& tx, const hotline::routing::v1::Assignment& a,
                                         hotline::routing::v1::ContactMeans means,
                                         absl::Time contacted_at, absl::Time now) const override;

  // The contacts recorded on an assignment, in order.
  std::vector<hotline::routing::v1::CallerContact> ContactsOf(int64_t assignment_id) const;

  // The assignment as stored now.
  const hotline::routing::v1::Assignment& Get(int64_t assignment_id) const {
    return rows_.at(assignment_id).assignment;
  }
  // Every assignment of the ticket, by id.
  std::vector<hotline::routing::v1::Assignment> OfTicket(int64_t ticket_id) const;

  void Save() override {
    saved_ = rows_;
    saved_contacts_ = contacts_;
  }
  void Restore() override {
    rows_ = saved_;
    contacts_ = saved_contacts_;
  }

 private:
  const FakeManualQueueStore& queue_;
  mutable std::map<int64_t, routing::AssignmentRecord> rows_;
  std::map<int64_t, routing::AssignmentRecord> saved_;
  mutable std::vector<hotline::routing::v1::CallerContact> contacts_;
  std::vector<hotline::routing::v1::CallerContact> saved_contacts_;
};

class FakeDecisionStore final : public routing::DecisionStore, public FakeState {
 public:
  void Insert(Transaction& tx, int64_t ticket_id,
              const hotline::routing::v1::RoutingDecision& decision) const override {
    decisions_[ticket_id].push_back(decision);
  }
  std::vector<hotline::routing::v1::RoutingDecision> Of(Transaction&,
                                                        int64_t ticket_id) const override {
    auto it = decisions_.find(ticket_id);
    return it == decisions_.end() ? std::vector<hotline::routing::v1::RoutingDecision>{}
                                  : it->second;
  }

  void Save() override { saved_ = decisions_; }
  void Restore() override { decisions_ = saved_; }

 private:
  mutable std::map<int64_t, std::vector<hotline::routing::v1::RoutingDecision>> decisions_;
  std::map<int64_t, std::vector<hotline::routing::v1::RoutingDecision>> saved_;
};

// Units as the database holds them; set up by the test, read-only to the use cases.
class FakeActiveUnitStore final : public routing::ActiveUnitStore {
 public:
  void Add(routing::ActiveUnit unit) { units_[unit.id] = std::move(unit); }
  std::vector<routing::ActiveUnit> Find(Transaction&,
                                        const std::vector<std::string>& ids) const override {
    std::vector<routing::ActiveUnit> out;
    for (const std::string& id : ids) {
      if (auto it = units_.find(id); it != units_.end()) out.push_back(it->second);
    }
    return out;
  }

 private:
  std::map<std::string, routing::ActiveUnit> units_;
};

class FakeAuditStore final : public routing::AuditStore {
 public:
  void RecordRead(Transaction&, const routing::AuditedRead& read) const override {
    reads_.push_back(read);
  }
  void RecordGrant(Transaction&, const routing::AuditedGrant& grant) const override {
    grants_.push_back(grant);
  }
  const std::vector<routing::AuditedRead>& reads() const { return reads_; }
  const std::vector<routing::AuditedGrant>& grants() const { return grants_; }

 private:
  mutable std::vector<routing::AuditedRead> reads_;
  mutable std::vector<routing::AuditedGrant> grants_;
};

}  // namespace hotline::testing
