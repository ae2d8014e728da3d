#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "libs/common/proto_time.h"
#include "services/provincial-transfer/store/message_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::transfer::testing {

// Transfer's message tables in memory: the outbox as the sender sees it, links, and an inbox.
class FakeMessageStore final : public MessageStore, public hotline::testing::FakeState {
 public:
  struct Row {
    OutboxMessage message;
    int state = 0;  // 0 pending, 1 delivered, 2 dead
    absl::Time next_attempt = absl::InfinitePast();
    std::string error;
  };

  std::optional<TicketLink> LinkOf(Transaction&, int64_t ticket_id) const override {
    auto it = s_.links.find(ticket_id);
    if (it == s_.links.end()) return std::nullopt;
    return it->second;
  }
  std::optional<TicketLink> LinkFrom(Transaction&, const std::string& peer,
                                     const std::string& number) const override {
    for (const auto& [id, link] : s_.links) {
      if (link.received_from == peer && link.origin_ticket_number == number) return link;
    }
    return std::nullopt;
  }
  void SaveLink(Transaction&, const TicketLink& link) const override {
    s_.links[link.ticket_id] = link;
  }

  int64_t NextSequence(Transaction&, int64_t ticket_id, const std::string& peer) const override {
    int64_t last = 0;
    for (const Row& r : s_.outbox) {
      if (r.message.ticket_id == ticket_id && r.message.peer == peer) {
        last = std::max(last, r.message.sequence);
      }
    }
    return last + 1;
  }
  void Enqueue(Transaction&, const std::string& peer, int64_t ticket_id,
               const v1::PeerEnvelope& envelope) const override {
    Row row;
    row.message = {static_cast<int64_t>(s_.outbox.size()) + 1,
                   peer,
                   ticket_id,
                   envelope.sequence(),
                   envelope,
                   0};
    s_.outbox.push_back(row);
  }
  std::vector<OutboxMessage> Due(Transaction&, const std::string& peer, absl::Time now, int limit,
                                 const std::vector<int64_t>&) const override {
    std::vector<OutboxMessage> due;
    for (const Row& r : s_.outbox) {
      if (r.message.peer != peer || r.state != 0 || r.next_attempt > now) continue;
      bool earlier_pending = false;
      for (const Row& e : s_.outbox) {
        earlier_pending |= e.message.peer == peer && e.message.ticket_id == r.message.ticket_id &&
                           e.state == 0 && e.message.sequence < r.message.sequence;
      }
      if (!earlier_pending && static_cast<int>(due.size()) < limit) due.push_back(r.message);
    }
    return due;
  }
  void MarkDelivered(Transaction&, int64_t id, absl::Time) const override {
    Row& r = s_.outbox[id - 1];
    r.state = 1;
    ++r.message.attempts;
  }
  void MarkRetry(Transaction&, int64_t id, absl::Time next,
                 const std::string& error) const override {
    Row& r = s_.outbox[id - 1];
    r.next_attempt = next;
    r.error = error;
    ++r.message.attempts;
  }
  void MarkDead(Transaction&, int64_t id, const std::string& error) const override {
    Row& r = s_.outbox[id - 1];
    r.state = 2;
    r.error = error;
    ++r.message.attempts;
  }

  std::vector<PeerQueue> QueueByPeer(Transaction&) const override {
    std::map<std::string, PeerQueue> by_peer;
    for (const Row& r : s_.outbox) {
      if (r.state == 1) continue;
      PeerQueue& q = by_peer[r.message.peer];
      q.peer = r.message.peer;
      if (r.state == 2) {
        ++q.dead_lettered;
        continue;
      }
      ++q.pending;
      if (r.message.attempts > 0) ++q.retrying;
      const absl::Time written = FromTimestamp(r.message.envelope.sent_at());
      if (!q.oldest_pending || written < *q.oldest_pending) q.oldest_pending = written;
    }
    std::vector<PeerQueue> out;
    for (auto& [peer, q] : by_peer) out.push_back(std::move(q));
    return out;
  }

  std::optional<InboxEntry> InboxOf(Transaction&, const std::string&, const std::string&,
                                    int64_t) const override {
    return std::nullopt;
  }
  int64_t LastApplied(Transaction&, const std::string&, const std::string&) const override {
    return 0;
  }
  void RecordApplied(Transaction&, const v1::PeerEnvelope&, const std::string&,
                     absl::Time) const override {}
  void RecordHeld(Transaction&, const v1::PeerEnvelope&, absl::Time) const override {}
  int ParkHeld(Transaction&, absl::Time) const override { return 0; }
  void RecordDisclosure(Transaction&, int64_t, const std::string&, bool) const override {}

  void Save() override { saved_ = s_; }
  void Restore() override { s_ = saved_; }
  const std::vector<Row>& outbox() const { return s_.outbox; }
  // As if the stored envelope of message `id` did not open (its key gone, or altered).
  void MakeUnreadable(int64_t id, const absl::Status& why) {
    s_.outbox[id - 1].message.envelope.Clear();
    s_.outbox[id - 1].message.readable = why;
  }

 private:
  struct State {
    std::vector<Row> outbox;
    std::map<int64_t, TicketLink> links;
  };
  mutable State s_, saved_;
};

}  // namespace hotline::transfer::testing
