#pragma once

#include <map>
#include <string>
#include <vector>

#include "libs/common/clock.h"
#include "libs/ticketstore/ticket_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::testing {

// The ticket core in memory, for unit tests of use cases: the same lifecycle, version checks and
// event contract as PgTicketStore, without PostgreSQL. Numbers are "<instance>-F-<n>". Track it
// with the FakeTransactionRunner the use case runs in, so a failed body leaves nothing behind.
class FakeTicketStore final : public ticketstore::TicketStore, public FakeState {
 public:
  FakeTicketStore(std::string instance_id, const Clock& clock)
      : instance_id_(std::move(instance_id)), clock_(clock) {}

  absl::StatusOr<hotline::common::v1::Ticket> Create(
      Transaction& tx, hotline::common::v1::Ticket draft, const hotline::common::v1::Actor& actor,
      const std::vector<ticketstore::CreationStep>& steps) const override;
  absl::StatusOr<hotline::common::v1::Ticket> Apply(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, domain::TicketAction action,
      const hotline::common::v1::Actor& actor, const ticketstore::TransitionNote& note,
      const std::vector<ticketstore::FollowUpEvent>& then) const override;
  absl::StatusOr<hotline::common::v1::Ticket> Record(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload,
      const hotline::common::v1::Actor& actor) const override;
  absl::StatusOr<hotline::common::v1::Ticket> RecordWithText(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload, const hotline::common::v1::Actor& actor,
      const ticketstore::TicketText& text) const override;
  std::vector<ticketstore::TicketText> Texts(Transaction& tx, int64_t ticket_id) const override;
  absl::Status RecordMany(Transaction& tx, const std::vector<ticketstore::RecordDraft>& drafts,
                          const hotline::common::v1::Actor& actor) const override;
  absl::StatusOr<hotline::common::v1::Ticket> Get(Transaction& tx,
                                                  int64_t ticket_id) const override;
  absl::StatusOr<hotline::common::v1::Ticket> GetByNumber(Transaction& tx,
                                                          const std::string& number) const override;
  std::vector<hotline::common::v1::EventEnvelope> History(Transaction& tx,
                                                          int64_t ticket_id) const override;

  // Puts a ticket in place as it is, e.g. one already DISPATCHED (id, number and version are
  // assigned when unset). Writes no event.
  hotline::common::v1::Ticket Put(hotline::common::v1::Ticket ticket);
  // Every event written, in order.
  const std::vector<hotline::common::v1::EventEnvelope>& events() const { return data_.events; }
  // The types of the events written for one ticket, in order.
  std::vector<std::string> EventTypes(int64_t ticket_id) const;

  void Save() override { saved_ = data_; }
  void Restore() override { data_ = saved_; }

 private:
  struct Entry {
    hotline::common::v1::Ticket ticket;
    domain::TicketState suspended_from = domain::TicketState::kUnspecified;
  };
  struct Data {
    std::map<int64_t, Entry> tickets;
    std::vector<hotline::common::v1::EventEnvelope> events;
    std::multimap<int64_t, ticketstore::TicketText> texts;  // by ticket id, in order
    int64_t next_id = 1;
  };
  // Checks and applies one action to `entry`, writing its state_changed event.
  absl::Status Transition(Entry& entry, domain::TicketAction action,
                          const hotline::common::v1::Actor& actor,
                          const ticketstore::TransitionNote& note) const;
  absl::Status Write(Entry& entry, const std::string& type,
                     const google::protobuf::Message& payload,
                     const hotline::common::v1::Actor& actor) const;
  absl::StatusOr<Entry*> Lock(int64_t ticket_id, int64_t expected_version) const;

  const std::string instance_id_;
  const Clock& clock_;
  // The store is const to its users, as PgTicketStore is; its memory is what changes.
  mutable Data data_;
  Data saved_;
};

}  // namespace hotline::testing
