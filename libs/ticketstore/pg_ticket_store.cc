#include "libs/ticketstore/pg_ticket_store.h"

#include <algorithm>
#include <deque>
#include <pqxx/binarystring>
#include <pqxx/result>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_number.h"
#include "libs/domain/ticket_state.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/sealed_fields.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::ticketstore {

namespace v1 = hotline::common::v1;
using domain::TicketState;

namespace {

// The personal fields go only into `sealed` (sealed_fields.h); their plain columns stay empty.
constexpr char kInsertTickets[] = R"sql(
INSERT INTO tickets (id, number, instance_id, channel, source_line, kind, urgency, category,
  region_code, sealed, sealed_key, caller_phone_index, caller_anonymous, caller_confidential,
  involves_minor, emergency, state, idempotency_key, created_at, updated_at, version,
  suspended_from)
OVERRIDING SYSTEM VALUE
SELECT t.id, t.number, $1, t.channel, t.source_line, t.kind, t.urgency, t.category, t.region,
  decode(t.sealed, 'hex'), t.sealed_key, NULLIF(decode(t.phone_index, 'hex'), ''::bytea),
  t.anonymous, t.confidential, t.minor, t.emergency, t.state, NULLIF(t.idempotency_key, ''),
  'epoch'::timestamptz + $2 * interval '1 microsecond',
  'epoch'::timestamptz + $2 * interval '1 microsecond', t.version, NULLIF(t.suspended_from, '')
FROM unnest($3::bigint[], $4::text[], $5::smallint[], $6::smallint[], $7::smallint[],
  $8::smallint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[],
  $15::boolean[], $16::boolean[], $17::boolean[], $18::text[], $19::text[], $20::bigint[],
  $21::text[])
  AS t(id, number, channel, source_line, kind, urgency, category, region, sealed, sealed_key,
       phone_index, anonymous, confidential, minor, emergency, state, idempotency_key, version,
       suspended_from))sql";
const std::string kSelectById =
    absl::StrCat("SELECT ", kTicketColumns, ", suspended_from FROM tickets WHERE id = $1");
const std::string kLockById = absl::StrCat(kSelectById, " FOR UPDATE");
const std::string kSelectByNumber =
    absl::StrCat("SELECT ", kTicketColumns, " FROM tickets WHERE number = $1");
const std::string kUpdateState = absl::StrCat(R"sql(
UPDATE tickets SET state = $2, suspended_from = $3, version = version + $5,
  updated_at = 'epoch'::timestamptz + $4 * interval '1 microsecond'
WHERE id = $1 RETURNING )sql",
                                              kTicketColumns);
const std::string kBumpVersion = absl::StrCat(R"sql(
UPDATE tickets SET version = version + 1,
  updated_at = 'epoch'::timestamptz + $2 * interval '1 microsecond'
WHERE id = $1 RETURNING )sql",
                                              kTicketColumns);
constexpr char kSelectHistory[] =
    "SELECT envelope FROM ticket_events WHERE ticket_id = $1 ORDER BY ticket_version, id";

const char* NullIfEmpty(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

}  // namespace

struct PgTicketStore::Walked {
  std::vector<domain::TicketStatus> finals;
  std::vector<std::vector<EventDraft>> events;
  std::deque<v1::TicketStateChanged> changes;  // stable addresses for the event drafts
};

PgTicketStore::PgTicketStore(TicketStoreOptions options, const crypto::FieldCipher& cipher,
                             const Clock& clock)
    : options_(std::move(options)), cipher_(cipher), clock_(clock) {}

std::string PgTicketStore::DrawIdentityColumns(absl::string_view day) {
  return absl::StrCat("hotline_next_ticket_sequence(", day,
                      "::date) AS sequence, nextval('tickets_id_seq') AS id");
}

std::string PgTicketStore::ServiceDay(absl::Time at) const {
  return absl::FormatCivilTime(domain::ServiceDay(at, options_.zone));
}

PgTicketStore::Identity PgTicketStore::MakeIdentity(absl::Time at, int64_t sequence,
                                                    int64_t id) const {
  // The prefix is the validated instance code and the sequence positive: formatting succeeds.
  return {id, *domain::FormatTicketNumber(
                  {options_.instance_id, domain::ServiceDay(at, options_.zone), sequence})};
}

std::vector<PgTicketStore::Identity> PgTicketStore::MakeIdentities(
    absl::Time at, std::vector<std::pair<int64_t, int64_t>> drawn) const {
  std::sort(drawn.begin(), drawn.end());
  std::vector<Identity> identities;
  for (const auto& [sequence, id] : drawn) identities.push_back(MakeIdentity(at, sequence, id));
  return identities;
}

const std::string& PgTicketStore::DrawIdentitiesSql() {
  static const std::string sql =
      absl::StrCat("SELECT ", DrawIdentityColumns("$1"), " FROM generate_series(1, $2)");
  return sql;
}

PgTicketStore::Identities PgTicketStore::NextIdentities(pqxx::work& tx, int count) const {
  const absl::Time at = clock_.Now();
  std::vector<std::pair<int64_t, int64_t>> drawn;  // sequence, id
  for (const auto& row : pg::Prepared(tx, DrawIdentitiesSql(), ServiceDay(at), count)) {
    drawn.emplace_back(row["sequence"].as<int64_t>(), row["id"].as<int64_t>());
  }
  return {at, MakeIdentities(at, std::move(drawn))};
}

absl::StatusOr<v1::Ticket> PgTicketStore::Create(pqxx::work& tx, v1::Ticket draft,
                                                 const v1::Actor& actor,
                                                 const std::vector<CreationStep>& steps) const {
  auto created = CreateMany(tx, {{std::move(draft), actor, steps}});
  if (!created.ok()) return created.status();
  return std::move(created->front());
}

absl::StatusOr<std::vector<v1::Ticket>> PgTicketStore::CreateMany(
    pqxx::work& tx, const std::vector<NewTicket>& items) const {
  // Steps first: an illegal one draws no number.
  Walked walked;
  if (absl::Status legal = WalkSteps(items, walked); !legal.ok()) return legal;
  if (items.empty()) return std::vector<v1::Ticket>();
  pg::StatementBatch writes(tx);
  auto tickets = Write(NextIdentities(tx, static_cast<int>(items.size())), items, walked, writes);
  if (tickets.ok()) writes.Run();
  return tickets;
}

absl::StatusOr<std::vector<v1::Ticket>> PgTicketStore::CreateMany(
    const Identities& identities, const std::vector<NewTicket>& items,
    pg::StatementBatch& writes) const {
  Walked walked;
  if (absl::Status legal = WalkSteps(items, walked); !legal.ok()) return legal;
  return Write(identities, items, walked, writes);
}

absl::Status PgTicketStore::WalkSteps(const std::vector<NewTicket>& items, Walked& walked) const {
  std::vector<domain::TicketStatus>& finals = walked.finals;
  std::vector<std::vector<EventDraft>>& events = walked.events;
  events.resize(items.size());
  std::deque<v1::TicketStateChanged>& changes = walked.changes;
  for (size_t i = 0; i < items.size(); ++i) {
    const v1::TicketState born = items[i].draft.state() == v1::TICKET_STATE_UNSPECIFIED
                                     ? v1::TICKET_STATE_RECEIVED
                                     : items[i].draft.state();
    auto initial = domain::TicketStateFromNumber(born);
    if (!initial) return absl::InvalidArgumentError("ticket state is not a known state");
    domain::TicketStatus status{*initial, TicketState::kUnspecified};
    for (const CreationStep& step : items[i].steps) {
      const int64_t version = static_cast<int64_t>(events[i].size()) + 2;
      if (!step.action) {
        events[i].push_back({step.type, step.payload, version});
        continue;
      }
      absl::StatusOr<domain::TicketStatus> next = domain::ApplyTicketAction(status, *step.action);
      if (!next.ok()) return next.status();
      v1::TicketStateChanged& changed = changes.emplace_back();
      changed.set_from(static_cast<v1::TicketState>(status.state));
      changed.set_to(static_cast<v1::TicketState>(next->state));
      changed.set_reason_code(step.note.reason_code);
      events[i].push_back({event_type::kTicketStateChanged, &changed, version});
      status = *next;
    }
    finals.push_back(status);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Ticket>> PgTicketStore::Write(const Identities& drawn,
                                                             const std::vector<NewTicket>& items,
                                                             Walked& walked,
                                                             pg::StatementBatch& writes) const {
  if (drawn.drawn.size() != items.size()) {
    return absl::InternalError(
        absl::StrCat(drawn.drawn.size(), " identities drawn for ", items.size(), " new tickets"));
  }
  const std::vector<domain::TicketStatus>& finals = walked.finals;
  std::vector<std::vector<EventDraft>>& events = walked.events;
  const std::vector<Identity>& identities = drawn.drawn;
  const absl::Time now = drawn.at;
  std::vector<v1::Ticket> tickets;
  std::vector<std::string> number, category, region, sealed, sealed_key, phone_index, state, key,
      suspended;
  std::vector<int64_t> id, channel, line, kind, urgency, version;
  std::vector<bool> anonymous, confidential, minor, emergency;
  for (size_t i = 0; i < items.size(); ++i) {
    const v1::Ticket& d = items[i].draft;
    const int64_t final_version = static_cast<int64_t>(events[i].size()) + 1;
    tickets.push_back(StoredTicket(d, identities[i].id, identities[i].number, options_.instance_id,
                                   static_cast<v1::TicketState>(finals[i].state), final_version,
                                   now));
    id.push_back(identities[i].id);
    number.push_back(identities[i].number);
    channel.push_back(d.channel());
    line.push_back(d.source_line());
    kind.push_back(d.kind());
    urgency.push_back(d.urgency());
    category.push_back(d.category());
    region.push_back(d.region().code());
    SealedFields fields = SealTicketFields(cipher_, identities[i].id, d);
    sealed.push_back(absl::BytesToHexString(fields.sealed));
    sealed_key.push_back(std::move(fields.key_id));
    phone_index.push_back(absl::BytesToHexString(fields.phone_index));
    anonymous.push_back(d.caller().anonymous());
    confidential.push_back(d.caller().wants_confidentiality());
    minor.push_back(d.flags().involves_minor());
    emergency.push_back(d.flags().emergency());
    state.push_back(std::string(domain::TicketStateName(finals[i].state)));
    key.push_back(d.idempotency_key());
    version.push_back(final_version);
    suspended.push_back(finals[i].suspended_from == TicketState::kUnspecified
                            ? ""
                            : std::string(domain::TicketStateName(finals[i].suspended_from)));
  }
  using pg::BoolArrayLiteral;
  using pg::IntArrayLiteral;
  using pg::TextArrayLiteral;
  writes.Add(kInsertTickets, options_.instance_id, absl::ToUnixMicros(now), IntArrayLiteral(id),
             TextArrayLiteral(number), IntArrayLiteral(channel), IntArrayLiteral(line),
             IntArrayLiteral(kind), IntArrayLiteral(urgency), TextArrayLiteral(category),
             TextArrayLiteral(region), TextArrayLiteral(sealed), TextArrayLiteral(sealed_key),
             TextArrayLiteral(phone_index), BoolArrayLiteral(anonymous),
             BoolArrayLiteral(confidential), BoolArrayLiteral(minor), BoolArrayLiteral(emergency),
             TextArrayLiteral(state), TextArrayLiteral(key), IntArrayLiteral(version),
             TextArrayLiteral(suspended));

  // Each creation event shows the ticket as it was born, before its steps.
  std::vector<v1::TicketCreated> created(items.size());
  std::vector<TicketEvents> batch;
  for (size_t i = 0; i < items.size(); ++i) {
    *created[i].mutable_ticket() = tickets[i];
    created[i].mutable_ticket()->set_state(items[i].draft.state() == v1::TICKET_STATE_UNSPECIFIED
                                               ? v1::TICKET_STATE_RECEIVED
                                               : items[i].draft.state());
    created[i].mutable_ticket()->set_version(1);
    events[i].insert(events[i].begin(), EventDraft{event_type::kTicketCreated, &created[i], 1});
    batch.push_back({&tickets[i], &items[i].actor, std::move(events[i])});
  }
  WriteEvents(writes, batch, now, options_.stream_partitions);
  return tickets;
}

absl::StatusOr<PgTicketStore::Locked> PgTicketStore::LockForChange(pqxx::work& tx,
                                                                   int64_t ticket_id,
                                                                   int64_t expected_version) const {
  const pqxx::result rows = pg::Prepared(tx, kLockById, ticket_id);
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("ticket ", ticket_id, " not found"));
  Locked locked{TicketFromRow(rows[0], cipher_), {}};
  const v1::Ticket& current = locked.ticket;
  if (expected_version != 0 && current.version() != expected_version) {
    return absl::AbortedError(absl::StrCat("ticket ", current.number(),
                                           " was changed concurrently: it is at version ",
                                           current.version(), ", not ", expected_version));
  }
  locked.status.state = static_cast<TicketState>(current.state());
  const pqxx::field suspended = rows[0][rows[0].size() - 1];  // after the ticket columns
  if (!suspended.is_null()) {
    locked.status.suspended_from = domain::TicketStateFromName(suspended.as<std::string>())
                                       .value_or(TicketState::kUnspecified);
  }
  return locked;
}

absl::StatusOr<v1::Ticket> PgTicketStore::Apply(pqxx::work& tx, int64_t ticket_id,
                                                int64_t expected_version,
                                                domain::TicketAction action, const v1::Actor& actor,
                                                const TransitionNote& note,
                                                const std::vector<FollowUpEvent>& then) const {
  absl::StatusOr<Locked> locked = LockForChange(tx, ticket_id, expected_version);
  if (!locked.ok()) return locked.status();
  const v1::Ticket& current = locked->ticket;
  absl::StatusOr<domain::TicketStatus> next = domain::ApplyTicketAction(locked->status, action);
  if (!next.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("ticket ", current.number(), ": ", next.status().message()));
  }
  const absl::Time now = clock_.Now();
  const std::string suspended_from =
      next->suspended_from == TicketState::kUnspecified
          ? std::string()
          : std::string(domain::TicketStateName(next->suspended_from));
  const int64_t events = 1 + static_cast<int64_t>(then.size());
  v1::Ticket updated = TicketFromRow(
      pg::Prepared1(tx, kUpdateState, ticket_id, std::string(domain::TicketStateName(next->state)),
                    NullIfEmpty(suspended_from), absl::ToUnixMicros(now), events),
      cipher_);
  v1::TicketStateChanged changed;
  changed.set_from(current.state());
  changed.set_to(updated.state());
  changed.set_reason_code(note.reason_code);
  TicketEvents written{
      &updated, &actor, {{event_type::kTicketStateChanged, &changed, current.version() + 1}}};
  for (size_t i = 0; i < then.size(); ++i) {
    written.events.push_back(
        {then[i].type, then[i].payload, current.version() + 2 + static_cast<int64_t>(i)});
  }
  WriteEvents(tx, {written}, now, options_.stream_partitions);
  return updated;
}

absl::StatusOr<v1::Ticket> PgTicketStore::Record(pqxx::work& tx, int64_t ticket_id,
                                                 int64_t expected_version, const std::string& type,
                                                 const google::protobuf::Message& payload,
                                                 const v1::Actor& actor) const {
  absl::StatusOr<Locked> locked = LockForChange(tx, ticket_id, expected_version);
  if (!locked.ok()) return locked.status();
  const absl::Time now = clock_.Now();
  v1::Ticket updated =
      TicketFromRow(pg::Prepared1(tx, kBumpVersion, ticket_id, absl::ToUnixMicros(now)), cipher_);
  WriteEvent(tx, updated, type, payload, actor, now, options_.stream_partitions);
  return updated;
}

absl::Status PgTicketStore::RecordMany(pqxx::work& tx, const std::vector<RecordDraft>& drafts,
                                       const v1::Actor& actor) const {
  if (drafts.empty()) return absl::OkStatus();
  std::vector<int64_t> ids;
  ids.reserve(drafts.size());
  for (const RecordDraft& d : drafts) ids.push_back(d.ticket_id);
  const std::string id_array = pg::IntArrayLiteral(ids);
  // Locks in id order first, so two sweepers never wait on each other in a cycle.
  pg::Prepared(tx, "SELECT id FROM tickets WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE",
               id_array);
  const absl::Time now = clock_.Now();
  const pqxx::result rows = pg::Prepared(tx,
                                         absl::StrCat(R"sql(
UPDATE tickets t SET version = t.version + c.n,
  updated_at = 'epoch'::timestamptz + $2 * interval '1 microsecond'
FROM (SELECT tid, count(*) AS n FROM unnest($1::bigint[]) AS tid GROUP BY tid) c
WHERE t.id = c.tid RETURNING )sql",
                                                      kTicketColumns),
                                         id_array, absl::ToUnixMicros(now));
  absl::flat_hash_map<int64_t, v1::Ticket> updated;
  for (const pqxx::row& row : rows) {
    v1::Ticket ticket = TicketFromRow(row, cipher_);
    updated.emplace(ticket.id(), std::move(ticket));
  }
  absl::flat_hash_map<int64_t, TicketEvents> events;
  absl::flat_hash_map<int64_t, int64_t> next_version;
  for (const RecordDraft& d : drafts) {
    auto it = updated.find(d.ticket_id);
    if (it == updated.end())
      return absl::NotFoundError(absl::StrCat("ticket ", d.ticket_id, " not found"));
    auto [slot, fresh] = events.try_emplace(d.ticket_id, TicketEvents{&it->second, &actor, {}});
    if (fresh) {
      int64_t count = 0;
      for (const RecordDraft& other : drafts) count += other.ticket_id == d.ticket_id;
      next_version[d.ticket_id] = it->second.version() - count + 1;
    }
    slot->second.events.push_back({d.type, d.payload, next_version[d.ticket_id]++});
  }
  std::vector<TicketEvents> batch;
  batch.reserve(events.size());
  for (auto& [id, e] : events) batch.push_back(std::move(e));
  WriteEvents(tx, batch, now, options_.stream_partitions);
  return absl::OkStatus();
}

absl::StatusOr<v1::Ticket> PgTicketStore::Get(pqxx::transaction_base& tx, int64_t ticket_id) const {
  const pqxx::result rows = pg::Prepared(tx, kSelectById, ticket_id);
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("ticket ", ticket_id, " not found"));
  return TicketFromRow(rows[0], cipher_);
}

absl::StatusOr<v1::Ticket> PgTicketStore::GetByNumber(pqxx::transaction_base& tx,
                                                      const std::string& number) const {
  const pqxx::result rows = pg::Prepared(tx, kSelectByNumber, number);
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("ticket ", number, " not found"));
  return TicketFromRow(rows[0], cipher_);
}

std::vector<v1::EventEnvelope> PgTicketStore::History(pqxx::transaction_base& tx,
                                                      int64_t ticket_id) const {
  std::vector<v1::EventEnvelope> events;
  for (const auto& row : pg::Prepared(tx, kSelectHistory, ticket_id)) {
    pqxx::binarystring bytes(row[0]);
    events.emplace_back().ParseFromString(bytes.str());
  }
  return events;
}

absl::StatusOr<v1::Ticket> PgTicketStore::Create(Transaction& tx, v1::Ticket draft,
                                                 const v1::Actor& actor,
                                                 const std::vector<CreationStep>& steps) const {
  return Create(pg::Work(tx), std::move(draft), actor, steps);
}

absl::StatusOr<v1::Ticket> PgTicketStore::Apply(Transaction& tx, int64_t ticket_id,
                                                int64_t expected_version,
                                                domain::TicketAction action, const v1::Actor& actor,
                                                const TransitionNote& note,
                                                const std::vector<FollowUpEvent>& then) const {
  return Apply(pg::Work(tx), ticket_id, expected_version, action, actor, note, then);
}

absl::StatusOr<v1::Ticket> PgTicketStore::Record(Transaction& tx, int64_t ticket_id,
                                                 int64_t expected_version, const std::string& type,
                                                 const google::protobuf::Message& payload,
                                                 const v1::Actor& actor) const {
  return Record(pg::Work(tx), ticket_id, expected_version, type, payload, actor);
}

absl::Status PgTicketStore::RecordMany(Transaction& tx, const std::vector<RecordDraft>& drafts,
                                       const v1::Actor& actor) const {
  return RecordMany(pg::Work(tx), drafts, actor);
}

absl::StatusOr<v1::Ticket> PgTicketStore::Get(Transaction& tx, int64_t ticket_id) const {
  return Get(pg::Work(tx), ticket_id);
}

absl::StatusOr<v1::Ticket> PgTicketStore::GetByNumber(Transaction& tx,
                                                      const std::string& number) const {
  return GetByNumber(pg::Work(tx), number);
}

std::vector<v1::EventEnvelope> PgTicketStore::History(Transaction& tx, int64_t ticket_id) const {
  return History(pg::Work(tx), ticket_id);
}

}  // namespace hotline::ticketstore
