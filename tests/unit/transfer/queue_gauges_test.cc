// Each peer's queue gauges on fakes: pending, the oldest pending message's age, retrying, dead
// letters, labelled by peer only, back to 0 once a peer's queue empties.
#include "services/provincial-transfer/app/queue_gauges.h"

#include <prometheus/registry.h>

#include <catch2/catch.hpp>
#include <map>

#include "libs/common/proto_time.h"
#include "tests/unit/transfer/fake_message_store.h"

namespace hotline::transfer {
namespace {

struct World {
  World() { transactions.Track(messages); }

  // A message of ticket `ticket_id` to `peer`, written now.
  int64_t Queue(const std::string& peer, int64_t ticket_id) {
    Transaction tx;
    v1::PeerEnvelope e;
    e.set_origin_ticket_number("T" + std::to_string(ticket_id));
    e.set_sequence(messages.NextSequence(tx, ticket_id, peer));
    *e.mutable_sent_at() = ToTimestamp(clock.Now());
    messages.Enqueue(tx, peer, ticket_id, e);
    return static_cast<int64_t>(messages.outbox().size());
  }

  // "<metric>{peer=<p>}" → value, for every transfer peer gauge.
  std::map<std::string, double> Shown() {
    std::map<std::string, double> shown;
    for (const prometheus::MetricFamily& family : registry.Collect()) {
      for (const prometheus::ClientMetric& m : family.metric) {
        REQUIRE(m.label.size() == 1);
        CHECK(m.label[0].name == "peer");
        shown[family.name + "{" + m.label[0].value + "}"] = m.gauge.value;
      }
    }
    return shown;
  }

  hotline::testing::FakeTransactionRunner transactions;
  testing::FakeMessageStore messages;
  FakeClock clock{absl::FromUnixSeconds(1800000000)};
  prometheus::Registry registry;
  QueueGauges gauges{transactions, messages, clock, registry};
};

TEST_CASE("Each peer's gauges show its pending, oldest age, retrying and dead letters",
          "[gauges]") {
  World w;
  const int64_t first = w.Queue("53", 1);
  w.clock.Advance(absl::Seconds(30));
  const int64_t second = w.Queue("53", 2);
  const int64_t third = w.Queue("53", 3);
  const int64_t other = w.Queue("5303", 4);
  w.clock.Advance(absl::Seconds(10));
  {
    Transaction tx;
    w.messages.MarkRetry(tx, second, w.clock.Now() + absl::Seconds(1), "UNAVAILABLE: down");
    w.messages.MarkDead(tx, third, "PERMISSION_DENIED: outside its jurisdiction");
    w.messages.MarkDelivered(tx, other, w.clock.Now());
  }
  REQUIRE(w.gauges.Refresh().ok());
  std::map<std::string, double> shown = w.Shown();
  CHECK(shown["hotline_transfer_peer_pending{53}"] == 2);
  CHECK(shown["hotline_transfer_peer_oldest_pending_seconds{53}"] == 40);
  CHECK(shown["hotline_transfer_peer_retrying{53}"] == 1);
  CHECK(shown["hotline_transfer_peer_dead_letters{53}"] == 1);
  // 5303's only message was delivered: nothing to show for it yet.
  CHECK(shown.count("hotline_transfer_peer_pending{5303}") == 0);

  // Once 53's queue empties its gauges read 0, the dead letter stays until an operator acts.
  {
    Transaction tx;
    w.messages.MarkDelivered(tx, first, w.clock.Now());
    w.messages.MarkDelivered(tx, second, w.clock.Now());
  }
  REQUIRE(w.gauges.Refresh().ok());
  shown = w.Shown();
  CHECK(shown["hotline_transfer_peer_pending{53}"] == 0);
  CHECK(shown["hotline_transfer_peer_oldest_pending_seconds{53}"] == 0);
  CHECK(shown["hotline_transfer_peer_retrying{53}"] == 0);
  CHECK(shown["hotline_transfer_peer_dead_letters{53}"] == 1);
}

}  // namespace
}  // namespace hotline::transfer
