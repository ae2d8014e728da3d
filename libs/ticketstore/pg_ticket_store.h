#pragma once

#include <google/protobuf/message.h>

#include <cstdint>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/event.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/clock.h"
#include "libs/crypto/field_cipher.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/statement_batch.h"
#include "libs/ticketstore/ticket_store.h"

namespace hotline::ticketstore {

struct TicketStoreOptions {
  std::string instance_id;    // division code of the instance; also the ticket-number prefix
  absl::TimeZone zone;        // the hotline's zone: ticket numbers use its service day
  int stream_partitions = 8;  // from LoadStreamPartitions
};

// The ticket core on PostgreSQL. The TicketStore methods run inside the Transaction of a
// pg::PgTransactionRunner; the ones taking libpqxx transactions (for code that batches its own
// statements: intake's group commit, benchmarks) run inside the caller's transaction (so a
// service's own rows commit together with the ticket and its event) and must be called from a
// pg::Transact body, which maps libpqxx exceptions. Each change writes exactly one outbox event.
class PgTicketStore final : public TicketStore {
 public:
  // `cipher` seals the personal fields at rest (sealed_fields.h) and must outlive the store.
  PgTicketStore(TicketStoreOptions options, const crypto::FieldCipher& cipher, const Clock& clock);

  // Inserts `draft` (its id, number, version and times are assigned here; state defaults to
  // RECEIVED) and writes "ticket.created"; then applies `steps` as Apply and Record would, checked
  // by the same lifecycle (an illegal step: FAILED_PRECONDITION, nothing written), but with one
  // insert of the ticket at its final state and one insert of all its events.
  absl::StatusOr<hotline::common::v1::Ticket> Create(
      pqxx::work& tx, hotline::common::v1::Ticket draft, const hotline::common::v1::Actor& actor,
      const std::vector<CreationStep>& steps = {}) const;

  // Create for many tickets at once (group commit): one statement for their ids and numbers, one
  // insert of the tickets, one of all their events. Returns them in the order given.
  absl::StatusOr<std::vector<hotline::common::v1::Ticket>> CreateMany(
      pqxx::work& tx, const std::vector<NewTicket>& tickets) const;

  using Identity = TicketIdentity;
  using Identities = TicketIdentities;
  // For a caller that draws identities in a statement of its own, with other reads in the same
  // round trip: the SELECT list drawing one (columns `sequence` and `id`), `day` being the
  // placeholder bound to ServiceDay(at); MakeIdentities makes them of the rows' (sequence, id)
  // values, in ascending numbers. DrawIdentitiesSql is the statement drawing $2 for day $1.
  static std::string DrawIdentityColumns(absl::string_view day);
  static const std::string& DrawIdentitiesSql();
  std::string ServiceDay(absl::Time at) const;
  std::vector<Identity> MakeIdentities(absl::Time at,
                                       std::vector<std::pair<int64_t, int64_t>> drawn) const;

  // CreateMany with the caller's identities (one per ticket, in order), the two inserts added to
  // `writes` for the caller to run with its own statements in one round trip. Reads nothing, so
  // it suits any transaction, also autocommit when `writes` is the only write.
  absl::StatusOr<std::vector<hotline::common::v1::Ticket>> CreateMany(
      const Identities& identities, const std::vector<NewTicket>& tickets,
      pg::StatementBatch& writes) const;

  // Applies a lifecycle action. The row is locked; `expected_version` (0 = whatever is current)
  // that no longer matches gives ABORTED; an action illegal in the current state gives
  // FAILED_PRECONDITION; a missing ticket NOT_FOUND. Writes "ticket.state_changed", then the
  // `then` events as Record would, but with one lock, one update and one insert for them all.
  absl::StatusOr<hotline::common::v1::Ticket> Apply(
      pqxx::work& tx, int64_t ticket_id, int64_t expected_version, domain::TicketAction action,
      const hotline::common::v1::Actor& actor, const TransitionNote& note = {},
      const std::vector<FollowUpEvent>& then = {}) const;

  // Records an event that changes no state (a supplement, a notification), bumping the version
  // under the same rules as Apply.
  absl::StatusOr<hotline::common::v1::Ticket> Record(pqxx::work& tx, int64_t ticket_id,
                                                     int64_t expected_version,
                                                     const std::string& type,
                                                     const google::protobuf::Message& payload,
                                                     const hotline::common::v1::Actor& actor) const;

  // Record for many tickets at once (a sweep firing thousands of deadlines): the tickets are
  // locked in id order, each bumped by its number of events in one statement, and all events
  // written with one insert, in the order given per ticket. A missing ticket is NOT_FOUND.
  absl::Status RecordMany(pqxx::work& tx, const std::vector<RecordDraft>& drafts,
                          const hotline::common::v1::Actor& actor) const;

  absl::StatusOr<hotline::common::v1::Ticket> RecordWithText(
      pqxx::work& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload, const hotline::common::v1::Actor& actor,
      const TicketText& text) const;
  std::vector<TicketText> Texts(pqxx::transaction_base& tx, int64_t ticket_id) const;

  absl::StatusOr<hotline::common::v1::Ticket> Get(pqxx::transaction_base& tx,
                                                  int64_t ticket_id) const;
  absl::StatusOr<hotline::common::v1::Ticket> GetByNumber(pqxx::transaction_base& tx,
                                                          const std::string& number) const;
  // The ticket's events, oldest first.
  std::vector<hotline::common::v1::EventEnvelope> History(pqxx::transaction_base& tx,
                                                          int64_t ticket_id) const;

  // TicketStore, on the libpqxx transaction of a pg::PgTransactionRunner's Transaction.
  absl::StatusOr<hotline::common::v1::Ticket> Create(
      Transaction& tx, hotline::common::v1::Ticket draft, const hotline::common::v1::Actor& actor,
      const std::vector<CreationStep>& steps) const override;
  absl::StatusOr<hotline::common::v1::Ticket> Apply(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, domain::TicketAction action,
      const hotline::common::v1::Actor& actor, const TransitionNote& note,
      const std::vector<FollowUpEvent>& then) const override;
  absl::StatusOr<hotline::common::v1::Ticket> Record(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload,
      const hotline::common::v1::Actor& actor) const override;
  absl::StatusOr<hotline::common::v1::Ticket> RecordWithText(
      Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
      const google::protobuf::Message& payload, const hotline::common::v1::Actor& actor,
      const TicketText& text) const override;
  std::vector<TicketText> Texts(Transaction& tx, int64_t ticket_id) const override;
  absl::Status RecordMany(Transaction& tx, const std::vector<RecordDraft>& drafts,
                          const hotline::common::v1::Actor& actor) const override;
  absl::StatusOr<hotline::common::v1::Ticket> Get(Transaction& tx,
                                                  int64_t ticket_id) const override;
  absl::StatusOr<hotline::common::v1::Ticket> GetByNumber(Transaction& tx,
                                                          const std::string& number) const override;
  std::vector<hotline::common::v1::EventEnvelope> History(Transaction& tx,
                                                          int64_t ticket_id) const override;

  const TicketStoreOptions& options() const { return options_; }

 private:
  Identity MakeIdentity(absl::Time at, int64_t sequence, int64_t id) const;
  struct Locked {
    hotline::common::v1::Ticket ticket;
    domain::TicketStatus status;
  };
  // Locks the row and checks the version; returns the current ticket and lifecycle status.
  absl::StatusOr<Locked> LockForChange(pqxx::work& tx, int64_t ticket_id,
                                       int64_t expected_version) const;
  // `count` new ticket ids and numbers, for tickets created now.
  Identities NextIdentities(pqxx::work& tx, int count) const;
  // The tickets' steps checked by the lifecycle, with their final states and events.
  struct Walked;
  absl::Status WalkSteps(const std::vector<NewTicket>& tickets, Walked& walked) const;
  absl::StatusOr<std::vector<hotline::common::v1::Ticket>> Write(
      const Identities& identities, const std::vector<NewTicket>& tickets, Walked& walked,
      pg::StatementBatch& writes) const;

  TicketStoreOptions options_;
  const crypto::FieldCipher& cipher_;
  const Clock& clock_;
};

}  // namespace hotline::ticketstore
