// The sender's watch for acceptances on real PostgreSQL: a forwarded ticket not accepted at the
// other end within the limit of its tier raises transfer.unacknowledged once; an accepted one
// never does; operators see it per destination and per peer.
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <catch2/catch.hpp>

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/domain/event_types.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/provincial-transfer/app/acceptance_watch.h"
#include "services/provincial-transfer/app/delivery_steering.h"
#include "services/provincial-transfer/app/forwarding.h"
#include "services/provincial-transfer/app/receiving.h"
#include "services/provincial-transfer/app/topology_admin.h"
#include "services/provincial-transfer/events/acceptance_events.h"
#include "services/provincial-transfer/store/pg_acceptance_store.h"
#include "services/provincial-transfer/store/pg_delivery_store.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

PeerConfig Province() {
  PeerConfig p;
  p.instance_code = "53";
  p.role = InstanceRole::kProvince;
  p.region_prefixes = {"53"};
  p.address = "127.0.0.1:7000";
  p.certificate_identity = "53.transfer.hotline.test";
  return p;
}

struct Kunming {
  Kunming()
      : pool({.url = db.url(), .size = 4}),
        transactions(pool),
        tickets({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 4},
                crypto::EphemeralCipher(), clock) {
    REQUIRE(admin.UpsertPeer(support::SampleActor("ops"), Province()).ok());
  }

  // A ticket forwarded to the province; the transfer consumer's share of its events run.
  common::Ticket Forward(common::Urgency urgency) {
    common::Ticket draft = support::SampleTicketDraft();
    draft.mutable_region()->set_code("530302");
    draft.set_urgency(urgency);
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
    Consume(ticket->id());
    return *ticket;
  }

  // Every event of the ticket the acceptance watch wants, as the consumer would hand them over
  // (twice: a redelivery changes nothing).
  void Consume(int64_t ticket_id) {
    for (int round = 0; round < 2; ++round) {
      REQUIRE(transactions
                  .Run([&](Transaction& tx) -> absl::Status {
                    for (const common::EventEnvelope& e : tickets.History(tx, ticket_id)) {
                      if (!events.Wants(e)) continue;
                      if (absl::Status s = events.Handle(e, tx); !s.ok()) return s;
                    }
                    return absl::OkStatus();
                  })
                  .ok());
    }
  }

  int64_t Count(const std::string& sql) { return db.Count(sql); }

  testing::ScratchDatabase db;
  pg::PgPool pool;
  pg::PgTransactionRunner transactions;
  FakeClock clock{absl::FromUnixSeconds(1796600000)};
  ticketstore::PgTicketStore tickets;
  PgMessageStore messages{crypto::EphemeralCipher()};
  PgDeliveryStore deliveries{crypto::EphemeralCipher()};
  PgAcceptanceStore acceptances;
  PgTopologyStore topology_store;
  TopologyCache topology{transactions, topology_store, absl::Milliseconds(1), clock};
  TopologyAdmin admin{transactions, topology_store, topology, nullptr};
  SelfInstance self{"5301", InstanceRole::kPrefecture};
  Destinations destinations{topology, self};
  Forwarding forwarding{tickets, messages, destinations, clock};
  prometheus::Registry registry;
  AcceptanceWatch watch{transactions,
                        tickets,
                        acceptances,
                        clock,
                        {absl::Hours(2), absl::Minutes(30), absl::Minutes(15)},
                        &registry};
  AcceptanceEvents events{watch};
  DeliverySteering steering{transactions, tickets,  deliveries, messages,
                            acceptances,  topology, clock,      "5301"};
  Receiving receiving{transactions, tickets, messages, clock, self};
};

std::string Metrics(prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

TEST_CASE("A forwarded ticket not accepted in time raises transfer.unacknowledged once",
          "[transfer][acceptance]") {
  Kunming k;
  const common::Ticket urgent = k.Forward(common::URGENCY_URGENT);
  const common::Ticket normal = k.Forward(common::URGENCY_NORMAL);
  CHECK(k.Count("SELECT count(*) FROM transfer_acceptance_watch") == 2);
  CHECK(k.db.Text("SELECT tier FROM transfer_acceptance_watch WHERE ticket_id = " +
                  std::to_string(urgent.id())) == "urgent");

  CHECK(*k.watch.FlagOverdue() == 0);
  k.clock.Advance(absl::Minutes(31));  // past the urgent limit only
  CHECK(*k.watch.FlagOverdue() == 1);
  CHECK(*k.watch.FlagOverdue() == 0);  // once
  CHECK(k.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.unacknowledged' AND "
                "ticket_id = " +
                std::to_string(urgent.id())) == 1);
  REQUIRE(k.watch.RefreshGauge().ok());
  CHECK(Metrics(k.registry).find("hotline_transfer_unacknowledged{peer=\"53\"} 1") !=
        std::string::npos);

  // The listing shows it for the destination, and the peer's count.
  absl::StatusOr<TicketDeliveriesView> view = k.steering.TicketDeliveries(urgent.number());
  REQUIRE(view.ok());
  REQUIRE(view->watches.size() == 1);
  CHECK(view->watches[0].peer == "53");
  CHECK(view->watches[0].flagged_at.has_value());
  CHECK_FALSE(view->watches[0].answered_at.has_value());
  absl::StatusOr<std::vector<PeerQueueView>> peers = k.steering.PeerQueues();
  REQUIRE(peers.ok());
  CHECK((*peers)[0].unacknowledged == 1);

  // The province accepts it late: the watch ends and the gauge goes back to 0.
  REQUIRE(k.transactions
              .Run([&](Transaction& tx) {
                TicketLink link = *k.messages.LinkOf(tx, urgent.id());
                link.remote_ticket_number = "53-20261207-000001";
                k.messages.SaveLink(tx, link);
                return absl::OkStatus();
              })
              .ok());
  v1::PeerEnvelope accepted;
  accepted.set_origin_instance("53");
  accepted.set_origin_ticket_number("53-20261207-000001");
  accepted.set_sequence(1);
  accepted.set_destination_instance("5301");
  accepted.set_in_reply_to_ticket_number(urgent.number());
  accepted.mutable_status_update()->set_remote_ticket_number("53-20261207-000001");
  accepted.mutable_status_update()->mutable_accepted();
  REQUIRE(k.receiving.Deliver(Province(), accepted).ok());
  k.Consume(urgent.id());
  REQUIRE(k.watch.RefreshGauge().ok());
  CHECK(Metrics(k.registry).find("hotline_transfer_unacknowledged{peer=\"53\"} 0") !=
        std::string::npos);

  // The standard one passes its own limit later.
  k.clock.Advance(absl::Hours(2));
  CHECK(*k.watch.FlagOverdue() == 1);
  CHECK(k.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.unacknowledged'") == 2);
  CHECK(k.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.unacknowledged' AND "
                "ticket_id = " +
                std::to_string(normal.id())) == 1);
}

TEST_CASE("A ticket accepted in time is never flagged", "[transfer][acceptance]") {
  Kunming k;
  const common::Ticket ticket = k.Forward(common::URGENCY_NORMAL);
  REQUIRE(k.transactions
              .Run([&](Transaction& tx) {
                v1::RemoteUpdate update;
                update.set_remote_instance("53");
                update.set_change(v1::REMOTE_CHANGE_ACCEPTED);
                return k.tickets
                    .Record(tx, ticket.id(), 0, event_type::kTransferRemoteUpdate, update,
                            support::SampleActor("peer:53"))
                    .status();
              })
              .ok());
  k.Consume(ticket.id());
  k.clock.Advance(absl::Hours(3));
  CHECK(*k.watch.FlagOverdue() == 0);
  CHECK(k.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.unacknowledged'") == 0);
  CHECK(k.Count("SELECT count(*) FROM transfer_acceptance_watch WHERE answered_at IS NOT NULL") ==
        1);
}

}  // namespace
}  // namespace hotline::transfer
