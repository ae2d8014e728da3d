#pragma once

#include <google/protobuf/message.h>

#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/statement_batch.h"

namespace hotline::ticketstore {

// Which stream partition a ticket's events go to: fixed per ticket, so per-ticket order holds.
int StreamPartitionOf(int64_t ticket_id, int partitions);

// The instance's partition count (event_stream_config). Read once at start-up.
absl::StatusOr<int> LoadStreamPartitions(pg::PgPool& pool);

// The envelope of one event of `ticket` at `version`, as the outbox writes it: the type and
// payload checked against the event contract (INTERNAL when outside it: a bug of the emitter),
// the payload's personal fields left out. WriteEvents uses it; so do in-memory ticket stores.
absl::StatusOr<hotline::common::v1::EventEnvelope> MakeEnvelope(
    const hotline::common::v1::Ticket& ticket, const std::string& type,
    const google::protobuf::Message& payload, int64_t version,
    const hotline::common::v1::Actor& actor, absl::Time occurred_at);

// What WriteEvents needs of one event: its type, payload, and the ticket version it produced.
struct EventDraft {
  std::string type;
  const google::protobuf::Message* payload;
  int64_t ticket_version;
};

// The events of one ticket, by one actor.
struct TicketEvents {
  const hotline::common::v1::Ticket* ticket;
  const hotline::common::v1::Actor* actor;
  std::vector<EventDraft> events;
};

// Writes the events of several tickets into the outbox with one statement, inside the caller's
// transaction. Must run inside pg::Transact (libpqxx may throw).
void WriteEvents(pqxx::work& tx, const std::vector<TicketEvents>& batch, absl::Time occurred_at,
                 int partitions);
// The same statement added to `writes`, which the caller runs before commit.
void WriteEvents(pg::StatementBatch& writes, const std::vector<TicketEvents>& batch,
                 absl::Time occurred_at, int partitions);

// Writes one event for `ticket` (already at its new version) into the outbox, inside the caller's
// transaction. Must run inside pg::Transact (libpqxx may throw).
hotline::common::v1::EventEnvelope WriteEvent(pqxx::work& tx,
                                              const hotline::common::v1::Ticket& ticket,
                                              const std::string& type,
                                              const google::protobuf::Message& payload,
                                              const hotline::common::v1::Actor& actor,
                                              absl::Time occurred_at, int partitions);

}  // namespace hotline::ticketstore
