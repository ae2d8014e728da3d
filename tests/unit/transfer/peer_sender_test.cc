// The sender on fakes: what is retried, what is dead-lettered, when the breaker stops trying,
// and that a ticket's next message waits for its previous one while other tickets go on.
#include "services/provincial-transfer/app/peer_sender.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>
#include <map>

#include "tests/unit/transfer/fake_message_store.h"
#include "tests/unit/transfer/fake_topology_store.h"

namespace hotline::transfer {
namespace {

// Answers each ticket's calls with its next scripted status (OK once its script is used up).
// Calls run on several threads at once, so the script is by ticket, not by call order.
class ScriptedTransport final : public PeerTransport {
 public:
  absl::StatusOr<Ack> Deliver(const PeerConfig&, const v1::PeerEnvelope& envelope,
                              absl::Duration) override {
    absl::MutexLock lock(&mu_);
    const std::string& ticket = envelope.origin_ticket_number();
    sent.push_back(ticket + "#" + std::to_string(envelope.sequence()));
    std::deque<absl::Status>& next = script[ticket];
    if (next.empty()) return Ack{"5303-20261207-000001", true};
    const absl::Status status = next.front();
    next.pop_front();
    return status;
  }
  absl::Mutex mu_;
  std::map<std::string, std::deque<absl::Status>> script;
  std::vector<std::string> sent;
};

struct World {
  World() {
    transactions.Track(messages);
    peer.instance_code = "5303";
    peer.role = InstanceRole::kPrefecture;
    peer.region_prefixes = {"5303"};
    peer.address = "127.0.0.1:7303";
    peer.certificate_identity = "5303.transfer.hotline.test";
    peer.retry.initial_backoff = absl::Seconds(1);
    peer.retry.max_backoff = absl::Seconds(8);
    peer.retry.breaker_failures = 2;
    peer.retry.breaker_open_for = absl::Seconds(30);
  }

  // A message of ticket `ticket_id` (number "T<id>") to the peer.
  void Queue(int64_t ticket_id) {
    Transaction tx;
    v1::PeerEnvelope e;
    e.set_origin_instance("53");
    e.set_origin_ticket_number("T" + std::to_string(ticket_id));
    e.set_sequence(messages.NextSequence(tx, ticket_id, "5303"));
    e.mutable_ticket();
    messages.Enqueue(tx, "5303", ticket_id, e);
  }

  hotline::testing::FakeTransactionRunner transactions;
  testing::FakeMessageStore messages;
  testing::FakeTopologyStore topology_store;
  FakeClock clock{absl::FromUnixSeconds(1800000000)};
  TopologyCache topology{transactions, topology_store, absl::Hours(1), clock};
  ScriptedTransport transport;
  PeerSender sender{transactions, messages, topology, transport, clock, SenderOptions{}, nullptr};
  PeerConfig peer;
};

TEST_CASE("A delivered ticket is marked and its remote number kept", "[sender]") {
  World w;
  w.Queue(1);
  CHECK(w.sender.SendDue(w.peer) == 1);
  CHECK(w.messages.outbox()[0].state == 1);
  Transaction tx;
  CHECK(w.messages.LinkOf(tx, 1)->remote_ticket_number == "5303-20261207-000001");
  CHECK(w.sender.SendDue(w.peer) == 0);  // nothing left
}

TEST_CASE("Outages retry after a backoff and refusals are dead letters with the reason",
          "[sender]") {
  World w;
  w.peer.retry.breaker_failures = 10;
  w.Queue(1);
  w.Queue(2);
  w.Queue(3);
  w.transport.script["T1"] = {absl::UnavailableError("down")};
  w.transport.script["T2"] = {absl::NotFoundError("no such service")};
  w.transport.script["T3"] = {absl::PermissionDeniedError("outside its jurisdiction")};
  CHECK(w.sender.SendDue(w.peer) == 3);
  int pending = 0, dead = 0;
  for (const auto& row : w.messages.outbox()) {
    if (row.state == 0) {
      ++pending;
      CHECK(row.next_attempt > w.clock.Now());  // not before its backoff
      CHECK(row.next_attempt <= w.clock.Now() + absl::Seconds(1));
    }
    if (row.state == 2) {
      ++dead;
      CHECK(row.error == "PERMISSION_DENIED: outside its jurisdiction");
    }
  }
  CHECK(pending == 2);  // NOT_FOUND is never a success
  CHECK(dead == 1);
  CHECK(w.sender.SendDue(w.peer) == 0);  // still backing off
  w.clock.Advance(absl::Seconds(2));
  CHECK(w.sender.SendDue(w.peer) == 2);
  CHECK(w.messages.outbox()[0].state == 1);
  CHECK(w.messages.outbox()[1].state == 1);
}

TEST_CASE("A message whose envelope does not open is dead-lettered, never sent", "[sender]") {
  World w;
  w.Queue(1);
  w.Queue(2);
  w.messages.MakeUnreadable(1, absl::DataLossError("envelope of transfer_outbox/5303/1/1 does "
                                                   "not open: a sealed value does not open"));
  CHECK(w.sender.SendDue(w.peer) == 1);
  CHECK(w.transport.sent == std::vector<std::string>{"T2#1"});
  CHECK(w.messages.outbox()[0].state == 2);
  CHECK(w.messages.outbox()[0].error.rfind("DATA_LOSS: envelope of transfer_outbox/5303/1/1", 0) ==
        0);
  CHECK(w.messages.outbox()[1].state == 1);
  CHECK(w.sender.SendDue(w.peer) == 0);  // nothing left, the dead letter stays dead
}

TEST_CASE("The breaker stops the sender after its failures and probes once", "[sender]") {
  World w;
  w.Queue(1);
  w.transport.script["T1"] = {absl::UnavailableError("down"), absl::UnavailableError("down"),
                              absl::UnavailableError("still down")};
  for (int i = 0; i < 2; ++i) {
    CHECK(w.sender.SendDue(w.peer) == 1);
    w.clock.Advance(absl::Seconds(10));  // past the backoff
  }
  // Open: due messages wait without an attempt.
  const size_t calls = w.transport.sent.size();
  CHECK(w.sender.SendDue(w.peer) == 0);
  CHECK(w.transport.sent.size() == calls);
  w.clock.Advance(absl::Seconds(30));
  w.Queue(2);
  CHECK(w.sender.SendDue(w.peer) == 1);  // half-open: one probe only, and it fails
  CHECK(w.sender.SendDue(w.peer) == 0);
  w.clock.Advance(absl::Seconds(30));
  CHECK(w.sender.SendDue(w.peer) == 1);  // the next probe succeeds: closed again
  CHECK(w.sender.SendDue(w.peer) == 1);
}

TEST_CASE("A ticket's next message waits for its previous one, other tickets go on", "[sender]") {
  World w;
  w.peer.retry.breaker_failures = 10;
  w.Queue(1);                                                        // T1#1
  w.Queue(1);                                                        // T1#2
  w.Queue(2);                                                        // T2#1
  w.transport.script["T1"] = {absl::UnavailableError("slow peer")};  // T2 goes through
  CHECK(w.sender.SendDue(w.peer) == 2);
  std::vector<std::string> first = w.transport.sent;
  std::sort(first.begin(), first.end());
  CHECK(first == std::vector<std::string>{"T1#1", "T2#1"});
  w.clock.Advance(absl::Seconds(2));
  CHECK(w.sender.SendDue(w.peer) == 1);  // T1#1 again; T1#2 still behind it
  CHECK(w.transport.sent.back() == "T1#1");
  CHECK(w.sender.SendDue(w.peer) == 1);
  CHECK(w.transport.sent.back() == "T1#2");
}

TEST_CASE("Catch-up runs once at start and again after each outage, through the breaker",
          "[sender][catch_up]") {
  World w;
  std::deque<absl::StatusOr<int>> answers = {absl::UnavailableError("down"),
                                             absl::UnavailableError("down"), 3, 0};
  int runs = 0;
  w.sender.SetCatchUp([&](const PeerConfig&) -> absl::StatusOr<int> {
    ++runs;
    absl::StatusOr<int> answer = answers.front();
    answers.pop_front();
    return answer;
  });
  CHECK(w.sender.CatchUpOwed("5303"));
  w.sender.CatchUpIfOwed(w.peer);
  w.sender.CatchUpIfOwed(w.peer);
  CHECK(runs == 2);  // both failed: the breaker (2 failures) is open now
  CHECK(w.sender.CatchUpOwed("5303"));
  w.Queue(1);
  CHECK(w.sender.SendDue(w.peer) == 0);  // open for sending too
  w.sender.CatchUpIfOwed(w.peer);
  CHECK(runs == 2);

  w.clock.Advance(absl::Seconds(31));
  w.sender.CatchUpIfOwed(w.peer);  // the half-open probe is the catch-up, and it succeeds
  CHECK(runs == 3);
  CHECK_FALSE(w.sender.CatchUpOwed("5303"));
  CHECK(w.sender.SendDue(w.peer) == 1);  // closed again
  w.sender.CatchUpIfOwed(w.peer);
  CHECK(runs == 3);  // not owed until the next outage

  // The peer goes away: sends fail until the breaker opens; back, the catch-up is owed again.
  w.transport.script["T2"] = {absl::UnavailableError("down"), absl::UnavailableError("down")};
  w.Queue(2);
  CHECK(w.sender.SendDue(w.peer) == 1);
  w.clock.Advance(absl::Seconds(10));
  CHECK(w.sender.SendDue(w.peer) == 1);
  w.sender.CatchUpIfOwed(w.peer);  // open: it waits
  CHECK(w.sender.CatchUpOwed("5303"));
  CHECK(runs == 3);
  w.clock.Advance(absl::Seconds(31));
  w.sender.CatchUpIfOwed(w.peer);
  CHECK(runs == 4);
  CHECK_FALSE(w.sender.CatchUpOwed("5303"));
}

TEST_CASE("A peer that does not serve pulls is not asked again", "[sender][catch_up]") {
  World w;
  int runs = 0;
  w.sender.SetCatchUp([&](const PeerConfig&) -> absl::StatusOr<int> {
    ++runs;
    return absl::UnimplementedError("not served");
  });
  w.sender.CatchUpIfOwed(w.peer);
  w.sender.CatchUpIfOwed(w.peer);
  CHECK(runs == 1);
  CHECK_FALSE(w.sender.CatchUpOwed("5303"));
}

}  // namespace
}  // namespace hotline::transfer
