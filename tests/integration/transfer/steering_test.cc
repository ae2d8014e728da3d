// Operators steering deliveries on real PostgreSQL: one ticket's messages per destination, each
// peer's queue and last outcomes, retry / park / cancel (with the compensating message the peer
// applies in the message's place), every action audited; and the sender honouring them.
#include <catch2/catch.hpp>

#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/provincial-transfer/app/delivery_steering.h"
#include "services/provincial-transfer/app/forwarding.h"
#include "services/provincial-transfer/app/peer_sender.h"
#include "services/provincial-transfer/app/receiving.h"
#include "services/provincial-transfer/app/topology_admin.h"
#include "services/provincial-transfer/store/pg_acceptance_store.h"
#include "services/provincial-transfer/store/pg_delivery_store.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/integration/transfer/transfer_instance.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

using testing::Shanghai;

// A peer whose breaker opens at the first failure, for long.
PeerConfig Peer(const std::string& code, InstanceRole role) {
  PeerConfig p = testing::Peer(code, role);
  p.retry.breaker_failures = 1;
  p.retry.breaker_open_for = absl::Minutes(10);
  return p;
}

// Kunming with the province as its peer, and a ticket of Qujing's forwarded to it.
struct Kunming {
  Kunming()
      : pool({.url = db.url(), .size = 4}),
        transactions(pool),
        tickets({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 4},
                crypto::EphemeralCipher(), clock) {
    REQUIRE(
        admin.UpsertPeer(support::SampleActor("ops"), Peer("53", InstanceRole::kProvince)).ok());
  }

  common::Ticket Forward() {
    common::Ticket draft = support::SampleTicketDraft();
    draft.mutable_region()->set_code("530302");
    absl::StatusOr<common::Ticket> ticket =
        transactions.RunFor<common::Ticket>([&](Transaction& tx) {
          return tickets.Create(tx, draft, support::SampleActor("console"),
                                {{domain::TicketAction::kAccept, {}, "", nullptr},
                                 {domain::TicketAction::kTransferOut,
                                  {"routing.outside_jurisdiction"},
                                  "",
                                  nullptr}});
        });
    REQUIRE(ticket.ok());
    REQUIRE(transactions
                .Run([&](Transaction& tx) {
                  return forwarding.OnTransferredOut(tx, ticket->id(),
                                                     {"routing.outside_jurisdiction", {}});
                })
                .ok());
    return *ticket;
  }

  int64_t Count(const std::string& sql) { return db.Count(sql); }

  hotline::testing::ScratchDatabase db;
  pg::PgPool pool;
  pg::PgTransactionRunner transactions;
  FakeClock clock{absl::FromUnixSeconds(1796600000)};
  ticketstore::PgTicketStore tickets;
  PgMessageStore messages{crypto::EphemeralCipher()};
  PgDeliveryStore deliveries{crypto::EphemeralCipher()};
  PgTopologyStore topology_store;
  TopologyCache topology{transactions, topology_store, absl::Milliseconds(1), clock};
  TopologyAdmin admin{transactions, topology_store, topology, nullptr};
  SelfInstance self{"5301", InstanceRole::kPrefecture};
  Destinations destinations{topology, self};
  Forwarding forwarding{tickets, messages, destinations, clock};
  PgAcceptanceStore acceptances;
  DeliverySteering steering{transactions, tickets,  deliveries, messages,
                            acceptances,  topology, clock,      "5301"};
  common::Actor office = support::SampleActor("office-1");
};

class FlakyTransport final : public PeerTransport {
 public:
  absl::StatusOr<Ack> Deliver(const PeerConfig&, const v1::PeerEnvelope& envelope,
                              absl::Duration) override {
    sent.push_back(envelope);
    if (down) return absl::UnavailableError("connection refused");
    return Ack{"53-20261207-000001", true};
  }
  bool down = true;
  std::vector<v1::PeerEnvelope> sent;
};

TEST_CASE("Operators see a ticket's deliveries and park, retry and cancel them, audited",
          "[transfer][steering]") {
  Kunming k;
  const common::Ticket ticket = k.Forward();

  absl::StatusOr<TicketDeliveriesView> view = k.steering.TicketDeliveries(ticket.number());
  REQUIRE(view.ok());
  const std::vector<DeliveryRow>* rows = &view->rows;
  REQUIRE(rows->size() == 1);
  const DeliveryRow first = (*rows)[0];
  CHECK(first.peer == "53");
  CHECK(first.sequence == 1);
  CHECK(first.body == v1::PeerEnvelope::kTicket);
  CHECK(first.state == OutboxState::kPending);
  CHECK(k.steering.TicketDeliveries("5301-20991231-000001").status().code() ==
        absl::StatusCode::kNotFound);

  // Every action needs a reason; unknown messages are NOT_FOUND.
  CHECK(k.steering.Park(k.office, first.id, "").status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(k.steering.Park(k.office, first.id + 100, "why").status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(k.steering.RetryPeer(k.office, "5399", false, "why").status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(k.steering.Cancel(k.office, first.id, "Bad Code!", "why").status().code() ==
        absl::StatusCode::kInvalidArgument);

  // Parked: not due, and shown as parked in the peer's queue.
  absl::StatusOr<DeliveryRow> parked = k.steering.Park(k.office, first.id, "peer asked to wait");
  REQUIRE(parked.ok());
  CHECK(parked->state == OutboxState::kParked);
  auto due = [&] {
    std::vector<OutboxMessage> out;
    REQUIRE(k.transactions
                .Run([&](Transaction& tx) {
                  out = k.messages.Due(tx, "53", k.clock.Now() + absl::Hours(1), 10, {});
                  return absl::OkStatus();
                })
                .ok());
    return out;
  };
  CHECK(due().empty());
  absl::StatusOr<std::vector<PeerQueueView>> queues = k.steering.PeerQueues();
  REQUIRE(queues.ok());
  REQUIRE(queues->size() == 1);
  CHECK((*queues)[0].configured);
  CHECK((*queues)[0].queue.parked == 1);
  CHECK((*queues)[0].queue.pending == 0);

  // Retried: pending and due at once.
  absl::StatusOr<int> retried = k.steering.RetryMessage(k.office, first.id, "peer ready again");
  REQUIRE(retried.ok());
  CHECK(*retried == 1);
  CHECK(due().size() == 1);

  // Cancelled: a compensating message in its place, the ticket back to this office's queue.
  absl::StatusOr<DeliveryRow> cancelled =
      k.steering.Cancel(k.office, first.id, "", "caller handled by phone");
  REQUIRE(cancelled.ok());
  CHECK(cancelled->cancelled);
  CHECK(cancelled->state == OutboxState::kPending);
  CHECK(cancelled->body == v1::PeerEnvelope::kCancelled);
  std::vector<OutboxMessage> compensation = due();
  REQUIRE(compensation.size() == 1);
  CHECK(compensation[0].envelope.sequence() == 1);
  CHECK(compensation[0].envelope.origin_ticket_number() == ticket.number());
  CHECK(compensation[0].envelope.cancelled().reason_code() == "transfer.cancelled_by_operator");
  CHECK_FALSE(compensation[0].envelope.has_ticket());  // the caller's contact is gone from it
  CHECK(k.Count("SELECT count(*) FROM ticket_events WHERE type = "
                "'transfer.needs_manual_dispatch'") == 1);
  CHECK(k.Count("SELECT count(*) FROM transfer_links WHERE sent_to = ''") == 1);
  CHECK(k.steering.Cancel(k.office, first.id, "", "again").status().code() ==
        absl::StatusCode::kFailedPrecondition);

  // Delivered: nothing left to steer but a recall.
  REQUIRE(k.transactions
              .Run([&](Transaction& tx) {
                k.messages.MarkDelivered(tx, first.id, k.clock.Now());
                return absl::OkStatus();
              })
              .ok());
  CHECK(k.steering.Park(k.office, first.id, "late").status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(k.steering.RetryMessage(k.office, first.id, "late").status().code() ==
        absl::StatusCode::kFailedPrecondition);

  // Who, what, why — three actions.
  CHECK(k.Count("SELECT count(*) FROM transfer_delivery_audit") == 3);
  CHECK(k.db.Text("SELECT string_agg(action || ':' || principal || ':' || reason, ',' ORDER BY "
                  "id) FROM transfer_delivery_audit") ==
        "park:office-1:peer asked to wait,retry_message:office-1:peer ready again,"
        "cancel:office-1:caller handled by phone");
}

TEST_CASE("The peer applies a compensating message in the place of the one given up",
          "[transfer][steering]") {
  hotline::testing::ScratchDatabase db;
  pg::PgPool pool({.url = db.url(), .size = 2});
  pg::PgTransactionRunner transactions(pool);
  FakeClock clock{absl::FromUnixSeconds(1796600000)};
  ticketstore::PgTicketStore tickets(
      {.instance_id = "53", .zone = Shanghai(), .stream_partitions = 4}, crypto::EphemeralCipher(),
      clock);
  PgMessageStore messages{crypto::EphemeralCipher()};
  Receiving province(transactions, tickets, messages, clock, {"53", InstanceRole::kProvince});
  const PeerConfig kunming = Peer("5301", InstanceRole::kPrefecture);

  v1::PeerEnvelope cancelled;
  cancelled.set_origin_instance("5301");
  cancelled.set_origin_ticket_number("5301-20261207-000001");
  cancelled.set_destination_instance("53");
  cancelled.set_sequence(1);
  cancelled.mutable_cancelled()->set_reason_code("transfer.cancelled_by_operator");
  v1::PeerEnvelope again = cancelled;
  again.set_sequence(2);
  common::Ticket* t = again.mutable_ticket()->mutable_ticket();
  *t = support::SampleTicketDraft();
  t->set_number("5301-20261207-000001");
  t->mutable_region()->set_code("530302");

  // The later message first: held behind the missing one; the compensation lets it through.
  absl::StatusOr<DeliveryResult> held = province.Deliver(kunming, again);
  REQUIRE(held.ok());
  CHECK_FALSE(held->applied);
  absl::StatusOr<DeliveryResult> applied = province.Deliver(kunming, cancelled);
  REQUIRE(applied.ok());
  CHECK(applied->applied);
  CHECK(db.Count("SELECT count(*) FROM transfer_inbox WHERE state = 1") == 2);
  CHECK(db.Count("SELECT count(*) FROM tickets") == 1);
}

TEST_CASE("The sender keeps each peer's last outcomes and probes at once when asked",
          "[transfer][steering]") {
  Kunming k;
  k.Forward();
  FlakyTransport transport;
  PeerSender sender(k.transactions, k.messages, k.topology, transport, k.clock, SenderOptions{},
                    nullptr);
  sender.SetPeerStatus(&k.deliveries);
  const PeerConfig province = Peer("53", InstanceRole::kProvince);

  CHECK(sender.SendDue(province) == 1);  // refused: the breaker (1 failure) opens for 10 min
  absl::StatusOr<std::vector<PeerQueueView>> queues = k.steering.PeerQueues();
  REQUIRE(queues.ok());
  REQUIRE(queues->size() == 1);
  CHECK((*queues)[0].queue.last_error == "UNAVAILABLE: connection refused");
  CHECK((*queues)[0].queue.last_error_at == k.clock.Now());
  CHECK_FALSE((*queues)[0].queue.last_success_at.has_value());
  CHECK((*queues)[0].queue.retrying == 1);

  transport.down = false;
  k.clock.Advance(absl::Minutes(1));
  CHECK(sender.SendDue(province) == 0);  // open, and past its backoff: still waiting
  absl::StatusOr<int> retried = k.steering.RetryPeer(k.office, "53", false, "peer is back");
  REQUIRE(retried.ok());
  CHECK(*retried == 1);
  k.clock.Advance(absl::Seconds(1));
  CHECK(sender.SendDue(province) == 1);  // the operator's retry: probed at once, delivered
  queues = k.steering.PeerQueues();
  REQUIRE(queues.ok());
  CHECK((*queues)[0].queue.last_success_at == k.clock.Now());
  CHECK((*queues)[0].queue.pending == 0);
  CHECK(k.Count("SELECT count(*) FROM transfer_delivery_audit WHERE action = 'retry_peer' AND "
                "peer = '53' AND messages = 1") == 1);
}

}  // namespace
}  // namespace hotline::transfer
