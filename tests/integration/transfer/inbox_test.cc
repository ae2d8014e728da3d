// The receiving side of the peer protocol on real PostgreSQL: exactly once, in order per ticket,
// the inbox row and the effect in one transaction; and the sending side's outbox.
#include <catch2/catch.hpp>

#include "hotline/routing/v1/routing.pb.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/provincial-transfer/app/forwarding.h"
#include "services/provincial-transfer/app/held_messages.h"
#include "services/provincial-transfer/app/receiving.h"
#include "services/provincial-transfer/app/status_relay.h"
#include "services/provincial-transfer/app/topology_admin.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/integration/transfer/transfer_instance.h"
#include "tests/support/core/sample_tickets.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;
using testing::Instance;
using testing::Peer;

// No reply here: what the relay sends for the other changes is the point.
struct NoReplies final : ReplySource {
  std::optional<std::string> LeadReplyOf(Transaction&, int64_t) const override {
    return std::nullopt;
  }
};

v1::PeerEnvelope TicketFromProvince(const std::string& number, const std::string& region) {
  v1::PeerEnvelope e;
  e.set_origin_instance("53");
  e.set_origin_ticket_number(number);
  e.set_sequence(1);
  e.set_destination_instance("5303");
  common::Ticket* t = e.mutable_ticket()->mutable_ticket();
  *t = support::SampleTicketDraft();
  t->set_number(number);
  t->set_id(777);
  t->set_state(common::TICKET_STATE_TRANSFERRED_OUT);
  t->mutable_region()->set_code(region);
  e.mutable_ticket()->set_first_instance("5301");
  e.mutable_ticket()->set_first_ticket_number("5301-20261207-000001");
  return e;
}

v1::PeerEnvelope Recall(const std::string& number, int64_t sequence) {
  v1::PeerEnvelope e;
  e.set_origin_instance("53");
  e.set_origin_ticket_number(number);
  e.set_sequence(sequence);
  e.set_destination_instance("5303");
  e.mutable_recall()->set_reason_code("intake.withdrawn");
  return e;
}

TEST_CASE("A ticket from the province becomes one local ticket however often it comes",
          "[transfer]") {
  Instance qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  const v1::PeerEnvelope e = TicketFromProvince("53-20261207-000001", "530302");

  absl::StatusOr<DeliveryResult> first = qujing.receiving.Deliver(province, e);
  REQUIRE(first.ok());
  CHECK(first->applied);
  CHECK_FALSE(first->duplicate);
  CHECK(first->local_ticket_number.rfind("5303-", 0) == 0);

  absl::StatusOr<DeliveryResult> again = qujing.receiving.Deliver(province, e);
  REQUIRE(again.ok());
  CHECK(again->duplicate);
  CHECK(again->local_ticket_number == first->local_ticket_number);

  CHECK(qujing.Count("SELECT count(*) FROM tickets") == 1);
  // On the path routing dispatches from, as a transfer, with the caller's contact.
  CHECK(qujing.db.Text("SELECT state FROM tickets") == "PENDING_DISPATCH");
  CHECK(qujing.db.Text("SELECT channel::text FROM tickets") ==
        std::to_string(common::CHANNEL_TRANSFER));
  CHECK(qujing.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.received'") == 1);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_links WHERE received_from = '53' AND "
                     "origin_ticket_number = '53-20261207-000001' AND "
                     "first_ticket_number = '5301-20261207-000001'") == 1);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_disclosures WHERE direction = 'received' "
                     "AND peer = '53'") == 1);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE state = 1") == 1);
}

TEST_CASE("A message ahead of its predecessor is held, then applied in order", "[transfer]") {
  Instance qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  const std::string number = "53-20261207-000002";

  absl::StatusOr<DeliveryResult> early = qujing.receiving.Deliver(province, Recall(number, 2));
  REQUIRE(early.ok());
  CHECK_FALSE(early->applied);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE state = 2") == 1);
  CHECK(qujing.Count("SELECT count(*) FROM tickets") == 0);
  // Sent again while held: still held, still once.
  REQUIRE(qujing.receiving.Deliver(province, Recall(number, 2)).ok());
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox") == 1);

  absl::StatusOr<DeliveryResult> ticket =
      qujing.receiving.Deliver(province, TicketFromProvince(number, "530302"));
  REQUIRE(ticket.ok());
  CHECK(ticket->applied);
  // The held recall followed in the same transaction: the ticket is withdrawn.
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE state = 1") == 2);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE envelope IS NOT NULL") == 0);
  CHECK(qujing.db.Text("SELECT state FROM tickets") == "WITHDRAWN");
}

TEST_CASE("A message held too long is parked and stays out of order's way", "[transfer]") {
  Instance qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  const std::string number = "53-20261207-000006";
  HeldMessages held(qujing.transactions, qujing.messages, qujing.clock, absl::Minutes(10), nullptr);
  REQUIRE(qujing.receiving.Deliver(province, Recall(number, 2)).ok());
  CHECK(*held.ParkOverdue() == 0);  // not overdue yet
  qujing.clock.Advance(absl::Minutes(11));
  CHECK(*held.ParkOverdue() == 1);
  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox WHERE state = 3") == 1);

  // The ticket arrives late: it is applied; the parked recall is not (an operator decides).
  absl::StatusOr<DeliveryResult> ticket =
      qujing.receiving.Deliver(province, TicketFromProvince(number, "530302"));
  REQUIRE(ticket.ok());
  CHECK(ticket->applied);
  CHECK(qujing.db.Text("SELECT state FROM tickets") == "PENDING_DISPATCH");
  // A repeat of the parked message changes nothing either.
  absl::StatusOr<DeliveryResult> repeat = qujing.receiving.Deliver(province, Recall(number, 2));
  REQUIRE(repeat.ok());
  CHECK(repeat->duplicate);
  CHECK_FALSE(repeat->applied);
}

TEST_CASE("A message the peer may not send is refused and leaves nothing", "[transfer]") {
  Instance qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);

  v1::PeerEnvelope elsewhere = TicketFromProvince("53-20261207-000003", "530302");
  elsewhere.set_destination_instance("5301");
  CHECK(qujing.receiving.Deliver(province, elsewhere).status().code() ==
        absl::StatusCode::kPermissionDenied);

  v1::PeerEnvelope kunming_place = TicketFromProvince("53-20261207-000003", "530102");
  CHECK(qujing.receiving.Deliver(province, kunming_place).status().code() ==
        absl::StatusCode::kPermissionDenied);

  v1::PeerEnvelope other_origin = TicketFromProvince("53-20261207-000003", "530302");
  other_origin.set_origin_instance("5301");
  CHECK(qujing.receiving.Deliver(province, other_origin).status().code() ==
        absl::StatusCode::kPermissionDenied);

  v1::PeerEnvelope empty = TicketFromProvince("53-20261207-000003", "530302");
  empty.clear_ticket();
  CHECK(qujing.receiving.Deliver(province, empty).status().code() ==
        absl::StatusCode::kInvalidArgument);

  v1::PeerEnvelope update;
  update.set_origin_instance("53");
  update.set_origin_ticket_number("53-20261207-000004");
  update.set_sequence(1);
  update.set_destination_instance("5303");
  update.set_in_reply_to_ticket_number("5303-20261207-000009");
  update.mutable_status_update()->mutable_accepted();
  CHECK(qujing.receiving.Deliver(province, update).status().code() ==
        absl::StatusCode::kFailedPrecondition);

  CHECK(qujing.Count("SELECT count(*) FROM transfer_inbox") == 0);
  CHECK(qujing.Count("SELECT count(*) FROM tickets") == 0);
}

TEST_CASE("What happens to a received ticket goes back to its origin, in order", "[transfer]") {
  Instance qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  absl::StatusOr<DeliveryResult> received =
      qujing.receiving.Deliver(province, TicketFromProvince("53-20261207-000005", "530302"));
  REQUIRE(received.ok());
  const NoReplies replies;
  const StatusRelay relay(qujing.tickets, qujing.messages, replies, qujing.clock, qujing.self);
  const int64_t id = qujing.Count("SELECT id FROM tickets");

  LocalChange dispatched{LocalChange::Kind::kDispatched, qujing.clock.Now(), {"5303-water-supply"}};
  LocalChange replied{LocalChange::Kind::kReplied, qujing.clock.Now(), {"5303-water-supply"}};
  LocalChange closed{LocalChange::Kind::kClosed, qujing.clock.Now()};
  LocalChange evaluated{LocalChange::Kind::kFollowedUp, qujing.clock.Now(), {}, 2, true};
  for (const LocalChange& change : {dispatched, replied, closed, evaluated}) {
    REQUIRE(qujing.transactions.Run([&](Transaction& tx) { return relay.Report(tx, id, change); })
                .ok());
  }
  std::vector<OutboxMessage> due;
  REQUIRE(qujing.transactions
              .Run([&](Transaction& tx) {
                due = qujing.messages.Due(tx, "53", qujing.clock.Now(), 10, {});
                return absl::OkStatus();
              })
              .ok());
  // One ticket's stream: only its lowest pending message is due, the rest wait their turn.
  REQUIRE(due.size() == 1);
  const v1::PeerEnvelope& first = due[0].envelope;
  CHECK(first.sequence() == 1);
  CHECK(first.origin_instance() == "5303");
  CHECK(first.origin_ticket_number() == received->local_ticket_number);
  CHECK(first.in_reply_to_ticket_number() == "53-20261207-000005");
  CHECK(first.status_update().dispatched().unit_ids(0) == "5303-water-supply");
  CHECK(qujing.Count("SELECT count(*) FROM transfer_outbox WHERE peer = '53'") == 4);
  CHECK(qujing.Count("SELECT max(sequence) FROM transfer_outbox WHERE peer = '53'") == 4);

  // A ticket taken here has no origin to tell.
  REQUIRE(
      qujing.transactions.Run([&](Transaction& tx) { return relay.Report(tx, id + 1000, closed); })
          .ok());
  CHECK(qujing.Count("SELECT count(*) FROM transfer_outbox") == 4);
}

TEST_CASE("A ticket leaving Kunming goes into the province's outbox once, audited", "[transfer]") {
  Instance kunming("5301");
  PgTopologyStore topology_store;
  TopologyCache topology(kunming.transactions, topology_store, absl::Seconds(1), kunming.clock);
  TopologyAdmin admin(kunming.transactions, topology_store, topology, nullptr);
  REQUIRE(admin.UpsertPeer(support::SampleActor("ops"), Peer("53", InstanceRole::kProvince)).ok());
  const Destinations destinations(topology, kunming.self);
  const Forwarding forwarding(kunming.tickets, kunming.messages, destinations, kunming.clock);

  common::Ticket draft = support::SampleTicketDraft();
  draft.mutable_region()->set_code("530302");
  draft.mutable_caller()->set_name("赵六转办");
  draft.mutable_caller()->set_phone("13800005301");
  absl::StatusOr<common::Ticket> ticket =
      kunming.transactions.RunFor<common::Ticket>([&](Transaction& tx) {
        return kunming.tickets.Create(
            tx, draft, support::SampleActor("console"),
            {{domain::TicketAction::kAccept, {}, "", nullptr},
             {domain::TicketAction::kTransferOut, {"routing.outside_jurisdiction"}, "", nullptr}});
      });
  REQUIRE(ticket.ok());

  for (int i = 0; i < 2; ++i) {  // a redelivered event changes nothing
    REQUIRE(kunming.transactions
                .Run([&](Transaction& tx) {
                  return forwarding.OnTransferredOut(tx, ticket->id(),
                                                     {"routing.outside_jurisdiction", {}});
                })
                .ok());
  }
  CHECK(kunming.Count("SELECT count(*) FROM transfer_outbox WHERE peer = '53' AND sequence = 1 "
                      "AND state = 0") == 1);
  CHECK(kunming.Count("SELECT count(*) FROM transfer_links WHERE sent_to = '53'") == 1);
  CHECK(kunming.Count("SELECT count(*) FROM transfer_disclosures WHERE direction = 'sent'") == 1);
  CHECK(kunming.Count("SELECT count(*) FROM ticket_events WHERE type = 'transfer.forwarded'") == 1);
  // The message holds the caller's contact, sealed: the raw row shows neither name nor phone.
  for (const std::string marker : {"赵六转办", "13800005301"}) {
    INFO(marker);
    CHECK(kunming.Count("SELECT count(*) FROM transfer_outbox WHERE position(convert_to('" +
                        marker + "', 'UTF8') IN envelope) > 0") == 0);
  }

  // What the sender will deliver: the whole ticket, caller included, addressed to 53.
  std::vector<OutboxMessage> due;
  REQUIRE(kunming.transactions
              .Run([&](Transaction& tx) {
                due = kunming.messages.Due(tx, "53", kunming.clock.Now(), 10, {});
                return absl::OkStatus();
              })
              .ok());
  REQUIRE(due.size() == 1);
  const v1::PeerEnvelope& sent = due[0].envelope;
  CHECK(sent.origin_instance() == "5301");
  CHECK(sent.origin_ticket_number() == ticket->number());
  CHECK(sent.destination_instance() == "53");
  CHECK(sent.ticket().ticket().caller().phone() == draft.caller().phone());
  CHECK(sent.ticket().first_instance() == "5301");
}

}  // namespace
}  // namespace hotline::transfer
