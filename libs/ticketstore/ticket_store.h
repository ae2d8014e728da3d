#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/event.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/transaction.h"
#include "libs/domain/ticket_lifecycle.h"

namespace hotline::ticketstore {

// Why a transition happened, for the event and the timeline: a machine-readable code such as
// "scope.litigation". Free text (a reason someone typed) is kept by the service that took it.
struct TransitionNote {
  std::string reason_code;
};

// An event that changes no state, written right after a transition (see Apply).
struct FollowUpEvent {
  std::string type;
  const google::protobuf::Message* payload;
};

// A change made together with a ticket's creation: a lifecycle action with its note, or (when
// `action` is unset) an event of `type` with `payload` that changes no state.
struct CreationStep {
  std::optional<domain::TicketAction> action;
  TransitionNote note;
  std::string type;
  const google::protobuf::Message* payload = nullptr;
};

// One ticket for CreateMany: its draft, who creates it, and the steps that follow.
struct NewTicket {
  hotline::common::v1::Ticket draft;
  hotline::common::v1::Actor actor;
  std::vector<CreationStep> steps;
};

// The id and number of a new ticket, drawn before it is written (its events carry them).
struct TicketIdentity {
  int64_t id;
  std::string number;
};
// Identities drawn together, and the time their tickets are created at (the numbers carry its
// service day).
struct TicketIdentities {
  absl::Time at;
  std::vector<TicketIdentity> drawn;
};

// One event of RecordMany: the ticket, the type (event_types.h) and its payload.
struct RecordDraft {
  int64_t ticket_id;
  std::string type;
  const google::protobuf::Message* payload;
};

// Free text kept with a ticket after it was taken: a supplement (补充材料), the caller's reason for
// withdrawing, the office's note when urging (督办), the reply of the instance a transferred ticket
// went to. Personal or free by nature, so it never rides on an event; the event that announces it
// has the same ticket version.
struct TicketText {
  enum class Kind { kSupplement, kWithdrawal, kUrging, kRemoteReply };
  Kind kind = Kind::kSupplement;
  std::string body;
  std::vector<hotline::common::v1::AttachmentRef> attachments;
  // Set by the store: the version the announcing event gave the ticket, and when.
  int64_t ticket_version = 0;
  absl::Time written_at;
};

// The ticket core every service writes through: ticket rows, lifecycle transitions checked by the
// one state machine, and the event outbox. Every method runs inside the caller's Transaction, so
// a service's own rows commit together with the ticket and its events; each change writes its
// events (types and payloads from the event contract) in that transaction. PgTicketStore is the
// real one; tests of use cases use FakeTicketStore (tests/support).
class TicketStore {
 public:
  virtual ~TicketStore() = default;

  // Inserts `draft` (its id, number, version and times are assigned here; state defaults to
  // RECEIVED) and writes "ticket.created"; then applies `steps` in order, checked by the
  // lifecycle (an illegal step: FAILED_PRECONDITION, nothing written).
  virtual absl::StatusOr<hotline::common::v1::Ticket> Create(
      Transaction& tx, hotline::common::v1::Ticket draft, const hotline::common::v1::Actor& actor,
      const std::vector<CreationStep>& steps = {}) const = 0;

  // Applies a lifecycle action. `expected_version` (0 = whatever is current) that no longer
  // matches gives ABORTED; an action illegal in the current state FAILED_PRECONDITION; a missing
  // ticket NOT_FOUND. Writes "ticket.state_changed", then the `then` events.
  virtual absl::StatusOr<hotline::common::v1::Ticket> Apply(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, domain::TicketAction action,
      const hotline::common::v1::Actor& actor, const TransitionNote& note = {},
      const std::vector<FollowUpEvent>& then = {}) const = 0;

  // Records an event that changes no state, bumping the version under the same rules as Apply.
  virtual absl::StatusOr<hotline::common::v1::Ticket> Record(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload, const hotline::common::v1::Actor& actor) const = 0;

  // Record, and `text` kept with the ticket at the version the event gives it.
  virtual absl::StatusOr<hotline::common::v1::Ticket> RecordWithText(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload, const hotline::common::v1::Actor& actor,
      const TicketText& text) const = 0;

  // Record for many tickets at once, in the order given per ticket. A missing ticket: NOT_FOUND.
  virtual absl::Status RecordMany(Transaction& tx, const std::vector<RecordDraft>& drafts,
                                  const hotline::common::v1::Actor& actor) const = 0;

  virtual absl::StatusOr<hotline::common::v1::Ticket> Get(Transaction& tx,
                                                          int64_t ticket_id) const = 0;
  virtual absl::StatusOr<hotline::common::v1::Ticket> GetByNumber(
      Transaction& tx, const std::string& number) const = 0;
  // The ticket's events, oldest first.
  virtual std::vector<hotline::common::v1::EventEnvelope> History(Transaction& tx,
                                                                  int64_t ticket_id) const = 0;
  // The ticket's texts, oldest first. Callers show them under the same rules as the content.
  virtual std::vector<TicketText> Texts(Transaction& tx, int64_t ticket_id) const = 0;
};

}  // namespace hotline::ticketstore
