// The flows after a ticket left its origin, on real PostgreSQL, one scratch database per instance:
// the reply's text travels back and is kept sealed, a recall withdraws the ticket where it went and
// is acknowledged (also when it crosses an update in flight), supplements follow exactly once.
#include <catch2/catch.hpp>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/domain/event_types.h"
#include "services/provincial-transfer/app/remote_update.h"
#include "services/provincial-transfer/app/topology_admin.h"
#include "services/provincial-transfer/events/ticket_events_handler.h"
#include "tests/integration/transfer/transfer_instance.h"
#include "tests/support/core/sample_tickets.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;
using testing::Instance;
using testing::Peer;

constexpr char kReply[] = "已派人检修，今日恢复供水";

// Routing's view at the handling instance, as the relay reads it.
struct FixedReply final : ReplySource {
  std::optional<std::string> LeadReplyOf(Transaction&, int64_t) const override { return kReply; }
};

// An instance with transfer's consumer, peered with the province.
struct Wired {
  explicit Wired(const std::string& code) : at(code) {
    TopologyAdmin admin(at.transactions, topology_store, topology, nullptr);
    REQUIRE(
        admin.UpsertPeer(support::SampleActor("ops"), Peer("53", InstanceRole::kProvince)).ok());
  }

  // Plays the consumer: the ticket's events after version `seen` go to the handler, each in a
  // transaction of its own, in order. Returns the last version seen.
  int64_t Consume(int64_t ticket_id, int64_t seen) {
    std::vector<common::EventEnvelope> history;
    REQUIRE(at.transactions
                .Run([&](Transaction& tx) {
                  history = at.tickets.History(tx, ticket_id);
                  return absl::OkStatus();
                })
                .ok());
    for (const common::EventEnvelope& event : history) {
      if (event.ticket_version() <= seen) continue;
      seen = event.ticket_version();
      if (!events.Wants(event)) continue;
      REQUIRE(at.transactions.Run([&](Transaction& tx) { return events.Handle(event, tx); }).ok());
    }
    return seen;
  }

  // The messages waiting for `peer`, every ticket's whole stream, in sequence order.
  std::vector<v1::PeerEnvelope> Outbox(const std::string& peer) {
    std::vector<v1::PeerEnvelope> all;
    REQUIRE(at.transactions
                .Run([&](Transaction& tx) {
                  for (;;) {
                    std::vector<OutboxMessage> due =
                        at.messages.Due(tx, peer, at.clock.Now(), 10, {});
                    if (due.empty()) break;
                    for (const OutboxMessage& m : due) {
                      all.push_back(m.envelope);
                      at.messages.MarkDelivered(tx, m.id, at.clock.Now());
                    }
                  }
                  return absl::OkStatus();
                })
                .ok());
    return all;
  }

  Instance at;
  PgTopologyStore topology_store;
  TopologyCache topology{at.transactions, topology_store, absl::Seconds(1), at.clock};
  Destinations destinations{topology, at.self};
  Forwarding forwarding{at.tickets, at.messages, destinations, at.clock};
  FixedReply replies;
  StatusRelay relay{at.tickets, at.messages, replies, at.clock, at.self};
  Recalling recalling{at.tickets, at.messages, at.clock, at.self};
  SupplementForwarding supplements{at.tickets, at.messages, at.clock, at.self};
  TicketEventsHandler events{forwarding, relay, recalling, supplements};
};

// A ticket taken at Kunming about Qujing, transferred out and forwarded to the province.
common::Ticket ForwardedFromKunming(Wired& kunming) {
  common::Ticket draft = support::SampleTicketDraft();
  draft.mutable_region()->set_code("530302");
  absl::StatusOr<common::Ticket> ticket =
      kunming.at.transactions.RunFor<common::Ticket>([&](Transaction& tx) {
        return kunming.at.tickets.Create(
            tx, draft, support::SampleActor("console"),
            {{domain::TicketAction::kAccept, {}, "", nullptr},
             {domain::TicketAction::kTransferOut, {"routing.outside_jurisdiction"}, "", nullptr}});
      });
  REQUIRE(ticket.ok());
  REQUIRE(kunming.at.transactions
              .Run([&](Transaction& tx) {
                return kunming.forwarding.OnTransferredOut(tx, ticket->id(),
                                                           {"routing.outside_jurisdiction", {}});
              })
              .ok());
  return *ticket;
}

// A status update from the province about Kunming's ticket `number`.
v1::PeerEnvelope FromProvince(const std::string& number, int64_t sequence) {
  v1::PeerEnvelope e;
  e.set_origin_instance("53");
  e.set_origin_ticket_number("53-20261207-000001");
  e.set_sequence(sequence);
  e.set_destination_instance("5301");
  e.set_in_reply_to_ticket_number(number);
  e.mutable_status_update()->set_remote_ticket_number("53-20261207-000001");
  return e;
}

absl::Status Withdraw(Instance& at, int64_t ticket_id) {
  return at.transactions.Run([&](Transaction& tx) {
    return at.tickets
        .Apply(tx, ticket_id, 0, domain::TicketAction::kWithdraw, support::SampleActor("console"),
               {"intake.withdrawn"}, {})
        .status();
  });
}

TEST_CASE("A reply's text travels back and is kept sealed with the origin's ticket", "[transfer]") {
  // The handling side: the relay puts the lead unit's reply into the update.
  Wired qujing("5303");
  v1::PeerEnvelope ticket_message;
  ticket_message.set_origin_instance("53");
  ticket_message.set_origin_ticket_number("53-20261207-000009");
  ticket_message.set_sequence(1);
  ticket_message.set_destination_instance("5303");
  *ticket_message.mutable_ticket()->mutable_ticket() = support::SampleTicketDraft();
  ticket_message.mutable_ticket()->mutable_ticket()->mutable_region()->set_code("530302");
  REQUIRE(qujing.at.receiving.Deliver(Peer("53", InstanceRole::kProvince), ticket_message).ok());
  const int64_t received = qujing.at.Count("SELECT id FROM tickets");
  LocalChange replied{LocalChange::Kind::kReplied, qujing.at.clock.Now(), {"5303-water-supply"}};
  REQUIRE(qujing.at.transactions
              .Run([&](Transaction& tx) { return qujing.relay.Report(tx, received, replied); })
              .ok());
  const std::vector<v1::PeerEnvelope> back = qujing.Outbox("53");
  REQUIRE(back.size() == 1);
  CHECK(back[0].status_update().replied().unit_id() == "5303-water-supply");
  CHECK(back[0].status_update().replied().reply() == kReply);

  // The origin: the text is kept with the ticket's texts, sealed, and on no event.
  Wired kunming("5301");
  const common::Ticket ticket = ForwardedFromKunming(kunming);
  v1::PeerEnvelope update = FromProvince(ticket.number(), 1);
  *update.mutable_status_update() = back[0].status_update();
  update.mutable_status_update()->set_handling_instance("5303");
  REQUIRE(kunming.at.receiving.Deliver(Peer("53", InstanceRole::kProvince), update).ok());

  CHECK(kunming.at.Count("SELECT count(*) FROM ticket_texts WHERE kind = 'remote_reply'") == 1);
  CHECK(kunming.at.Count("SELECT count(*) FROM ticket_texts WHERE body <> '' OR position("
                         "convert_to('今日恢复供水', 'UTF8') IN sealed) > 0") == 0);
  CHECK(kunming.at.Count("SELECT count(*) FROM ticket_events WHERE position(convert_to("
                         "'今日恢复供水', 'UTF8') IN envelope) > 0") == 0);
  std::vector<ticketstore::TicketText> texts;
  REQUIRE(kunming.at.transactions
              .Run([&](Transaction& tx) {
                texts = kunming.at.tickets.Texts(tx, ticket.id());
                return absl::OkStatus();
              })
              .ok());
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].kind == ticketstore::TicketText::Kind::kRemoteReply);
  CHECK(texts[0].body == kReply);
}

TEST_CASE("A recall withdraws the ticket where it went, which acknowledges it", "[transfer]") {
  Wired qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  v1::PeerEnvelope ticket_message;
  ticket_message.set_origin_instance("53");
  ticket_message.set_origin_ticket_number("53-20261207-000010");
  ticket_message.set_sequence(1);
  ticket_message.set_destination_instance("5303");
  *ticket_message.mutable_ticket()->mutable_ticket() = support::SampleTicketDraft();
  ticket_message.mutable_ticket()->mutable_ticket()->mutable_region()->set_code("530302");
  REQUIRE(qujing.at.receiving.Deliver(province, ticket_message).ok());
  const int64_t id = qujing.at.Count("SELECT id FROM tickets");
  int64_t seen = qujing.Consume(id, 0);  // the acceptance goes back

  v1::PeerEnvelope recall;
  recall.set_origin_instance("53");
  recall.set_origin_ticket_number("53-20261207-000010");
  recall.set_sequence(2);
  recall.set_destination_instance("5303");
  recall.mutable_recall()->set_reason_code("intake.withdrawn");
  REQUIRE(qujing.at.receiving.Deliver(province, recall).ok());
  CHECK(qujing.at.db.Text("SELECT state FROM tickets") == "WITHDRAWN");
  // Delivered again: the first answer, nothing more.
  absl::StatusOr<DeliveryResult> again = qujing.at.receiving.Deliver(province, recall);
  REQUIRE(again.ok());
  CHECK(again->duplicate);
  seen = qujing.Consume(id, seen);

  const std::vector<v1::PeerEnvelope> back = qujing.Outbox("53");
  REQUIRE(back.size() == 2);
  CHECK(back[0].status_update().has_accepted());
  CHECK(back[1].status_update().has_withdrawn());
  CHECK(back[1].status_update().withdrawn().reason_code() == "intake.withdrawn");
  CHECK(back[1].status_update().remote_state() == common::TICKET_STATE_WITHDRAWN);
  CHECK(back[1].in_reply_to_ticket_number() == "53-20261207-000010");
}

TEST_CASE("A recall that comes after the ticket was closed is answered as declined", "[transfer]") {
  Wired qujing("5303");
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  v1::PeerEnvelope ticket_message;
  ticket_message.set_origin_instance("53");
  ticket_message.set_origin_ticket_number("53-20261207-000011");
  ticket_message.set_sequence(1);
  ticket_message.set_destination_instance("5303");
  *ticket_message.mutable_ticket()->mutable_ticket() = support::SampleTicketDraft();
  ticket_message.mutable_ticket()->mutable_ticket()->mutable_region()->set_code("530302");
  REQUIRE(qujing.at.receiving.Deliver(province, ticket_message).ok());
  const int64_t id = qujing.at.Count("SELECT id FROM tickets");
  qujing.Consume(id, 0);
  // Handled and closed at Qujing before the caller withdrew at the origin.
  REQUIRE(qujing.at.Count("WITH u AS (UPDATE tickets SET state = 'CLOSED' RETURNING 1) "
                          "SELECT count(*) FROM u") == 1);

  v1::PeerEnvelope recall = ticket_message;
  recall.set_sequence(2);
  recall.mutable_recall()->set_reason_code("intake.withdrawn");
  REQUIRE(qujing.at.receiving.Deliver(province, recall).ok());
  REQUIRE(qujing.at.receiving.Deliver(province, recall).ok());  // a repeat answers nothing more
  CHECK(qujing.at.db.Text("SELECT state FROM tickets") == "CLOSED");

  const std::vector<v1::PeerEnvelope> back = qujing.Outbox("53");
  REQUIRE(back.size() == 2);
  CHECK(back[0].status_update().has_accepted());
  CHECK(back[1].status_update().recall_declined().reason_code() == "transfer.recall_after_close");
  CHECK(back[1].status_update().remote_state() == common::TICKET_STATE_CLOSED);
  CHECK(back[1].in_reply_to_ticket_number() == "53-20261207-000011");

  // What the province records on its ticket.
  const v1::RemoteUpdate update = RemoteUpdateOf("5303", back[1].status_update());
  CHECK(update.change() == v1::REMOTE_CHANGE_RECALL_DECLINED);
  CHECK(update.remote_state() == common::TICKET_STATE_CLOSED);
}

TEST_CASE("A withdrawal at the origin recalls the ticket, and an acceptance crossing it is kept",
          "[transfer]") {
  Wired kunming("5301");
  const common::Ticket ticket = ForwardedFromKunming(kunming);
  int64_t seen = kunming.Consume(ticket.id(), 0);
  REQUIRE(Withdraw(kunming.at, ticket.id()).ok());
  seen = kunming.Consume(ticket.id(), seen);

  const std::vector<v1::PeerEnvelope> sent = kunming.Outbox("53");
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].has_ticket());
  CHECK(sent[1].has_recall());
  CHECK(sent[1].sequence() == 2);
  CHECK(sent[1].recall().reason_code() == "intake.withdrawn");

  // The province's acceptance was on its way when the recall left: it is still recorded, and
  // the acknowledgement that follows shows where the recall took effect.
  const PeerConfig province = Peer("53", InstanceRole::kProvince);
  v1::PeerEnvelope accepted = FromProvince(ticket.number(), 1);
  accepted.mutable_status_update()->mutable_accepted();
  accepted.mutable_status_update()->set_remote_state(common::TICKET_STATE_PENDING_DISPATCH);
  REQUIRE(kunming.at.receiving.Deliver(province, accepted).ok());
  v1::PeerEnvelope withdrawn = FromProvince(ticket.number(), 2);
  withdrawn.mutable_status_update()->mutable_withdrawn()->set_reason_code("intake.withdrawn");
  withdrawn.mutable_status_update()->set_remote_state(common::TICKET_STATE_WITHDRAWN);
  REQUIRE(kunming.at.receiving.Deliver(province, withdrawn).ok());

  CHECK(kunming.at.db.Text("SELECT state FROM tickets") == "WITHDRAWN");
  CHECK(kunming.at.Count("SELECT count(*) FROM ticket_events WHERE type = "
                         "'transfer.remote_update'") == 2);
  // The origin tells nobody else: it has no origin of its own.
  kunming.Consume(ticket.id(), seen);
  CHECK(kunming.Outbox("53").empty());
}

TEST_CASE("Supplements follow a forwarded ticket exactly once", "[transfer]") {
  Wired kunming("5301");
  common::Ticket draft = support::SampleTicketDraft();
  draft.mutable_region()->set_code("530302");
  // Each with a photo, as a caller adds one at the console.
  const auto supplement = [&](int64_t id, const std::string& text) {
    ticketstore::TicketText added{ticketstore::TicketText::Kind::kSupplement, text};
    common::AttachmentRef& photo = added.attachments.emplace_back();
    photo.set_uri("oss://hotline-5301/supplements/" + text.substr(0, 6) + ".jpg");
    photo.set_media_type("image/jpeg");
    photo.set_size_bytes(48213);
    REQUIRE(kunming.at.transactions
                .Run([&](Transaction& tx) {
                  return kunming.at.tickets
                      .RecordWithText(tx, id, 0, event_type::kIntakeSupplementAdded,
                                      hotline::intake::v1::SupplementAdded(),
                                      support::SampleActor("console"), added)
                      .status();
                })
                .ok());
  };
  absl::StatusOr<common::Ticket> ticket =
      kunming.at.transactions.RunFor<common::Ticket>([&](Transaction& tx) {
        return kunming.at.tickets.Create(
            tx, draft, support::SampleActor("console"),
            {{domain::TicketAction::kAccept, {}, "", nullptr},
             {domain::TicketAction::kTransferOut, {"routing.outside_jurisdiction"}, "", nullptr}});
      });
  REQUIRE(ticket.ok());
  supplement(ticket->id(), "停水前闻到异味");  // before it leaves: rides in the ticket's message
  REQUIRE(kunming.at.transactions
              .Run([&](Transaction& tx) {
                return kunming.forwarding.OnTransferredOut(tx, ticket->id(),
                                                           {"routing.outside_jurisdiction", {}});
              })
              .ok());
  supplement(ticket->id(), "邻居家也停水了");  // after: a message of its own
  kunming.Consume(ticket->id(), 0);

  const std::vector<v1::PeerEnvelope> sent = kunming.Outbox("53");
  REQUIRE(sent.size() == 2);
  REQUIRE(sent[0].ticket().supplement_items_size() == 1);
  CHECK(sent[0].ticket().supplement_items(0).content() == "停水前闻到异味");
  REQUIRE(sent[0].ticket().supplement_items(0).attachments_size() == 1);
  CHECK(sent[0].ticket().supplement_items(0).attachments(0).media_type() == "image/jpeg");
  CHECK(sent[1].supplement().content() == "邻居家也停水了");
  REQUIRE(sent[1].supplement().attachments_size() == 1);
  CHECK(sent[1].supplement().attachments(0).size_bytes() == 48213);

  // The province keeps both with its ticket, each once however often they come.
  Wired province("53");
  const PeerConfig from_kunming = Peer("5301", InstanceRole::kPrefecture);
  for (int round = 0; round < 2; ++round) {
    for (const v1::PeerEnvelope& e : sent) {
      absl::StatusOr<DeliveryResult> delivered = province.at.receiving.Deliver(from_kunming, e);
      INFO(delivered.status().message());
      REQUIRE(delivered.ok());
    }
  }
  CHECK(province.at.Count("SELECT count(*) FROM ticket_texts WHERE kind = 'supplement'") == 2);
  // With their photos, as the province's own supplements keep them.
  std::vector<ticketstore::TicketText> kept;
  REQUIRE(province.at.transactions
              .Run([&](Transaction& tx) {
                kept = province.at.tickets.Texts(
                    tx, province.at.Count("SELECT ticket_id FROM ticket_texts LIMIT 1"));
                return absl::OkStatus();
              })
              .ok());
  REQUIRE(kept.size() == 2);
  for (const ticketstore::TicketText& text : kept) {
    REQUIRE(text.attachments.size() == 1);
    CHECK(text.attachments[0].uri().rfind("oss://hotline-5301/supplements/", 0) == 0);
  }
  CHECK(province.at.Count("SELECT count(*) FROM ticket_events WHERE type = "
                          "'intake.supplement_added'") == 2);
  // A sender of an earlier release puts the texts alone in the ticket's message.
  Wired qujing("5303");
  v1::PeerEnvelope older = sent[0];
  older.mutable_ticket()->clear_supplement_items();
  older.mutable_ticket()->add_supplements("停水前闻到异味");
  older.set_origin_instance("53");
  older.set_destination_instance("5303");
  REQUIRE(qujing.at.receiving.Deliver(Peer("53", InstanceRole::kProvince), older).ok());
  CHECK(qujing.at.Count("SELECT count(*) FROM ticket_texts WHERE kind = 'supplement'") == 1);

  // A supplement about a ticket the peer never sent is refused.
  v1::PeerEnvelope stray = sent[1];
  stray.set_origin_ticket_number("5301-20261207-999999");
  stray.set_sequence(1);
  CHECK(province.at.receiving.Deliver(from_kunming, stray).status().code() ==
        absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hotline::transfer
