// Catch-up by pull on real PostgreSQL: a peer back from an outage takes what the province still
// holds for it, a bounded page at a time, through its exactly-once inbox; the province records
// what was taken as delivered; nothing takes effect twice, however often it is pulled or pushed.
#include "services/provincial-transfer/app/catch_up.h"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/provincial-transfer/app/outbox_pull.h"
#include "services/provincial-transfer/store/pg_delivery_store.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/integration/transfer/transfer_instance.h"
#include "tests/support/core/sample_tickets.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

using testing::Peer;

// An instance that also serves pulls; catch-up applies up to 8 tickets at once.
struct Instance : testing::Instance {
  explicit Instance(const std::string& code) : testing::Instance(code, 8) {}

  PgDeliveryStore deliveries{crypto::EphemeralCipher()};
  OutboxPull pull{transactions, deliveries, clock};
};

// The peer port without the network: the puller's call answered by the province's use case, as
// for the caller `caller` (the peer its certificate names).
class LoopbackTransport final : public PeerTransport {
 public:
  LoopbackTransport(const OutboxPull& server, PeerConfig caller)
      : server_(server), caller_(std::move(caller)) {}
  absl::StatusOr<Ack> Deliver(const PeerConfig&, const v1::PeerEnvelope&, absl::Duration) override {
    return absl::UnimplementedError("pull only");
  }
  absl::StatusOr<PulledPage> Pull(const PeerConfig&, const PullRequest& request,
                                  absl::Duration) override {
    ++pages;
    return server_.Answer(caller_, request);
  }
  int pages = 0;

 private:
  const OutboxPull& server_;
  const PeerConfig caller_;
};

v1::PeerEnvelope TicketFor(const std::string& destination, int n, const std::string& region) {
  v1::PeerEnvelope e;
  e.set_origin_instance("53");
  e.set_origin_ticket_number("53-20261207-" + std::to_string(100000 + n));
  e.set_sequence(1);
  e.set_destination_instance(destination);
  *e.mutable_sent_at() = ToTimestamp(absl::FromUnixSeconds(1796600000));
  common::Ticket* t = e.mutable_ticket()->mutable_ticket();
  *t = support::SampleTicketDraft();
  t->set_number(e.origin_ticket_number());
  t->set_state(common::TICKET_STATE_TRANSFERRED_OUT);
  t->mutable_region()->set_code(region);
  return e;
}

v1::PeerEnvelope RecallOf(const v1::PeerEnvelope& ticket) {
  v1::PeerEnvelope e = ticket;
  e.clear_ticket();
  e.set_sequence(2);
  e.mutable_recall()->set_reason_code("intake.withdrawn");
  return e;
}

void Enqueue(Instance& at, const std::string& peer, int64_t ticket_id, const v1::PeerEnvelope& e) {
  REQUIRE(at.transactions
              .Run([&](Transaction& tx) {
                at.messages.Enqueue(tx, peer, ticket_id, e);
                return absl::OkStatus();
              })
              .ok());
}

TEST_CASE("A peer back from an outage pulls what waits for it, page by page, exactly once",
          "[transfer][catch_up]") {
  Instance province("53");
  Instance qujing("5303");
  // Seven tickets for Qujing, the first one recalled after; one for Kunming; one Qujing may not
  // take (a Kunming place).
  for (int n = 1; n <= 7; ++n) Enqueue(province, "5303", n, TicketFor("5303", n, "530302"));
  Enqueue(province, "5303", 1, RecallOf(TicketFor("5303", 1, "530302")));
  Enqueue(province, "5301", 8, TicketFor("5301", 8, "530102"));
  Enqueue(province, "5303", 9, TicketFor("5303", 9, "530102"));

  LoopbackTransport transport(province.pull, Peer("5303", InstanceRole::kPrefecture));
  CatchUp catch_up(transport, qujing.receiving, {.page = 3});
  absl::StatusOr<int> taken = catch_up.Run(Peer("53", InstanceRole::kProvince));
  REQUIRE(taken.ok());
  CHECK(*taken == 8);
  CHECK(transport.pages == 4);  // 3 + 3 + 3 messages, then the empty page that hands back the rest

  CHECK(qujing.Count("SELECT count(*) FROM tickets") == 7);
  CHECK(qujing.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.received'") == 7);
  CHECK(qujing.Count("SELECT count(*) FROM tickets WHERE state = 'WITHDRAWN'") == 1);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE state = 1") == 8);
  // Taken in: delivered at the province. Refused (outside Qujing) and Kunming's: still pending.
  CHECK(province.Count("SELECT count(*) FROM transfer_outbox WHERE peer = '5303' AND state = 1 "
                       "AND delivered_at IS NOT NULL") == 8);
  CHECK(province.Count("SELECT count(*) FROM transfer_outbox WHERE state = 0 AND "
                       "(peer = '5301' OR ticket_id = 9)") == 2);
  CHECK(province.Count("SELECT count(*) FROM transfer_outbox WHERE state = 0") == 2);

  // Again: nothing new takes effect.
  absl::StatusOr<int> again = catch_up.Run(Peer("53", InstanceRole::kProvince));
  REQUIRE(again.ok());
  CHECK(*again == 0);
  CHECK(qujing.Count("SELECT count(*) FROM tickets") == 7);

  // A message pulled and then pushed as well (the sender had it in flight) is a duplicate.
  absl::StatusOr<DeliveryResult> pushed =
      qujing.receiving.Deliver(Peer("53", InstanceRole::kProvince), TicketFor("5303", 4, "530302"));
  REQUIRE(pushed.ok());
  CHECK(pushed->duplicate);
  CHECK(qujing.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.received'") == 7);
}

TEST_CASE("A pull names its bad fields and takes only the caller's messages",
          "[transfer][catch_up]") {
  Instance province("53");
  Enqueue(province, "5301", 1, TicketFor("5301", 1, "530102"));
  const PeerConfig qujing = Peer("5303", InstanceRole::kPrefecture);

  for (const PullRequest& bad :
       {PullRequest{"abc", 0, {}}, PullRequest{"-4", 0, {}}, PullRequest{"", 1001, {}},
        PullRequest{"", -1, {}}, PullRequest{"", 0, std::vector<int64_t>(1001, 1)}}) {
    absl::StatusOr<PulledPage> page = province.pull.Answer(qujing, bad);
    CHECK(page.status().code() == absl::StatusCode::kInvalidArgument);
  }
  // Kunming's message is neither shown to Qujing nor taken by it.
  const int64_t id = province.Count("SELECT id FROM transfer_outbox");
  absl::StatusOr<PulledPage> page = province.pull.Answer(qujing, {"", 0, {id}});
  REQUIRE(page.ok());
  CHECK(page->envelopes.empty());
  CHECK(page->next_cursor.empty());
  CHECK(province.Count("SELECT count(*) FROM transfer_outbox WHERE state = 0") == 1);

  // Kunming sees it, and its cursor moves past it.
  absl::StatusOr<PulledPage> kunming =
      province.pull.Answer(Peer("5301", InstanceRole::kPrefecture), {"", 0, {}});
  REQUIRE(kunming.ok());
  REQUIRE(kunming->envelopes.size() == 1);
  CHECK(kunming->message_ids == std::vector<int64_t>{id});
  CHECK(kunming->next_cursor == std::to_string(id));
  CHECK(kunming->envelopes[0].ticket().ticket().caller().phone() ==
        support::SampleTicketDraft().caller().phone());
}

TEST_CASE("The same message arriving several times at once takes effect once",
          "[transfer][catch_up]") {
  Instance qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  // What one recall writes, delivered once.
  const v1::PeerEnvelope once = TicketFor("5303", 2, "530302");
  REQUIRE(qujing.receiving.Deliver(province, once).ok());
  const int64_t before_once = qujing.Count("SELECT count(*) FROM ticket_events");
  REQUIRE(qujing.receiving.Deliver(province, RecallOf(once)).ok());
  const int64_t one_recall = qujing.Count("SELECT count(*) FROM ticket_events") - before_once;
  REQUIRE(one_recall > 0);

  const v1::PeerEnvelope ticket = TicketFor("5303", 1, "530302");
  REQUIRE(qujing.receiving.Deliver(province, ticket).ok());
  const v1::PeerEnvelope recall = RecallOf(ticket);
  const int64_t before = qujing.Count("SELECT count(*) FROM ticket_events");

  std::vector<absl::Status> outcomes(6);
  std::vector<std::thread> threads;
  for (absl::Status& outcome : outcomes) {
    threads.emplace_back([&] { outcome = qujing.receiving.Deliver(province, recall).status(); });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& outcome : outcomes) CHECK(outcome.ok());
  CHECK(qujing.Count("SELECT count(*) FROM ticket_events") - before == one_recall);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE sequence = 2") == 2);
}

}  // namespace
}  // namespace hotline::transfer
