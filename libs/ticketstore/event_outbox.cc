#include "libs/ticketstore/event_outbox.h"

#include <memory>
#include <pqxx/binarystring>
#include <pqxx/nontransaction>
#include <stdexcept>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/common/uuid.h"
#include "libs/domain/event_types.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_error.h"
#include "libs/pg/prepared.h"
#include "libs/pg/statement_batch.h"
#include "libs/ticketstore/personal_data.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::ticketstore {
namespace {

constexpr char kInsertEvent[] = R"sql(
INSERT INTO ticket_events
  (event_id, ticket_id, ticket_version, type, stream_partition, occurred_at, envelope)
VALUES ($1, $2, $3, $4, $5, 'epoch'::timestamptz + $6 * interval '1 microsecond', $7))sql";

// Several events of one ticket in one statement: arrays unnested into rows.
constexpr char kInsertEvents[] = R"sql(
INSERT INTO ticket_events
  (event_id, ticket_id, ticket_version, type, stream_partition, occurred_at, envelope)
SELECT e.id::uuid, e.ticket, e.version, e.type, e.part,
  'epoch'::timestamptz + $1 * interval '1 microsecond', decode(e.envelope, 'hex')
FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::int[], $7::text[])
  AS e(id, ticket, version, type, part, envelope))sql";

// The envelope's checks failed: a bug in the emitting service. Thrown inside pg::Transact, it
// fails the transaction (INTERNAL) instead of reaching consumers that cannot know the event.
hotline::common::v1::EventEnvelope Envelope(const hotline::common::v1::Ticket& ticket,
                                            const std::string& type,
                                            const google::protobuf::Message& payload,
                                            int64_t version,
                                            const hotline::common::v1::Actor& actor,
                                            absl::Time occurred_at) {
  absl::StatusOr<hotline::common::v1::EventEnvelope> envelope =
      MakeEnvelope(ticket, type, payload, version, actor, occurred_at);
  if (!envelope.ok()) throw std::logic_error(std::string(envelope.status().message()));
  return *std::move(envelope);
}

}  // namespace

absl::StatusOr<hotline::common::v1::EventEnvelope> MakeEnvelope(
    const hotline::common::v1::Ticket& ticket, const std::string& type,
    const google::protobuf::Message& payload, int64_t version,
    const hotline::common::v1::Actor& actor, absl::Time occurred_at) {
  const event_type::EventTypeInfo* info = event_type::FindEventType(type);
  if (info == nullptr) {
    return absl::InternalError(absl::StrCat("event type ", type, " is not in the event contract"));
  }
  if (payload.GetDescriptor()->full_name() != info->payload) {
    return absl::InternalError(absl::StrCat("event type ", type, " carries ", info->payload,
                                            ", not ", payload.GetDescriptor()->full_name()));
  }
  hotline::common::v1::EventEnvelope envelope;
  envelope.set_event_id(NewUuid());
  envelope.set_ticket_id(ticket.id());
  envelope.set_ticket_number(ticket.number());
  envelope.set_type(type);
  envelope.set_ticket_version(version);
  *envelope.mutable_occurred_at() = ToTimestamp(occurred_at);
  *envelope.mutable_actor() = actor;
  envelope.set_instance_id(ticket.instance_id());
  if (HasPersonalData(payload)) {
    // Payloads may embed shared messages (a Ticket, an Assignment) whose personal fields stay
    // behind in PostgreSQL; the copy is made only when there is something to leave out.
    std::unique_ptr<google::protobuf::Message> without(payload.New());
    without->CopyFrom(payload);
    StripPersonalData(*without);
    envelope.mutable_payload()->PackFrom(*without);
  } else {
    envelope.mutable_payload()->PackFrom(payload);
  }
  return envelope;
}

namespace {

// kInsertEvents' arguments after occurred_at: the batch's events as array literals.
struct EventArrays {
  size_t count = 0;
  std::string ids, tickets, versions, types, parts, envelopes;
};

EventArrays Arrays(const std::vector<TicketEvents>& batch, absl::Time occurred_at, int partitions) {
  std::vector<std::string> ids, types, bytes;
  std::vector<int64_t> tickets, versions, parts;
  for (const TicketEvents& t : batch) {
    for (const EventDraft& e : t.events) {
      const hotline::common::v1::EventEnvelope envelope =
          Envelope(*t.ticket, e.type, *e.payload, e.ticket_version, *t.actor, occurred_at);
      ids.push_back(envelope.event_id());
      tickets.push_back(t.ticket->id());
      versions.push_back(e.ticket_version);
      types.push_back(e.type);
      parts.push_back(StreamPartitionOf(t.ticket->id(), partitions));
      bytes.push_back(absl::BytesToHexString(envelope.SerializeAsString()));
    }
  }
  return {ids.size(),
          pg::TextArrayLiteral(ids),
          pg::IntArrayLiteral(tickets),
          pg::IntArrayLiteral(versions),
          pg::TextArrayLiteral(types),
          pg::IntArrayLiteral(parts),
          pg::TextArrayLiteral(bytes)};
}

}  // namespace

void WriteEvents(pqxx::work& tx, const std::vector<TicketEvents>& batch, absl::Time occurred_at,
                 int partitions) {
  const EventArrays a = Arrays(batch, occurred_at, partitions);
  if (a.count == 0) return;
  pg::Prepared(tx, kInsertEvents, absl::ToUnixMicros(occurred_at), a.ids, a.tickets, a.versions,
               a.types, a.parts, a.envelopes);
}

void WriteEvents(pg::StatementBatch& writes, const std::vector<TicketEvents>& batch,
                 absl::Time occurred_at, int partitions) {
  const EventArrays a = Arrays(batch, occurred_at, partitions);
  if (a.count == 0) return;
  writes.Add(kInsertEvents, absl::ToUnixMicros(occurred_at), a.ids, a.tickets, a.versions, a.types,
             a.parts, a.envelopes);
}

int StreamPartitionOf(int64_t ticket_id, int partitions) {
  return static_cast<int>(ticket_id % partitions);
}

absl::StatusOr<int> LoadStreamPartitions(pg::PgPool& pool) {
  auto lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    pqxx::nontransaction tx(**lease);
    return tx.exec1("SELECT partitions FROM event_stream_config")[0].as<int>();
  } catch (const std::exception& e) {
    return pg::StatusFromException(e);
  }
}

hotline::common::v1::EventEnvelope WriteEvent(pqxx::work& tx,
                                              const hotline::common::v1::Ticket& ticket,
                                              const std::string& type,
                                              const google::protobuf::Message& payload,
                                              const hotline::common::v1::Actor& actor,
                                              absl::Time occurred_at, int partitions) {
  hotline::common::v1::EventEnvelope envelope =
      Envelope(ticket, type, payload, ticket.version(), actor, occurred_at);
  pg::Prepared(tx, kInsertEvent, envelope.event_id(), ticket.id(), ticket.version(), type,
               StreamPartitionOf(ticket.id(), partitions), absl::ToUnixMicros(occurred_at),
               pqxx::binarystring(envelope.SerializeAsString()));
  return envelope;
}

}  // namespace hotline::ticketstore
