#include "libs/ticketstore/ticket_store.h"

#include <deque>
#include <pqxx/binarystring>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "libs/domain/ticket_number.h"
#include "libs/domain/ticket_state.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::ticketstore {

namespace v1 = hotline::common::v1;
using domain::TicketState;

namespace {

const std::string kInsertTicket = absl::StrCat(R"sql(
INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, category,
  region_code, address, caller_name, caller_phone, caller_anonymous, caller_confidential, content,
  attachments, involves_minor, emergency, state, idempotency_key, created_at, updated_at, version,
  suspended_from)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULLIF($15, ''::bytea), $16,
  $17, $18, $19,
  'epoch'::timestamptz + $20 * interval '1 microsecond',
  'epoch'::timestamptz + $20 * interval '1 microsecond', $21, $22)
RETURNING )sql",
                                               kTicketColumns);
const std::string kSelectById =
    absl::StrCat("SELECT ", kTicketColumns, ", suspended_from FROM tickets WHERE id = $1");
const std::string kLockById = absl::StrCat(kSelectById, " FOR UPDATE");
const std::string kSelectByNumber =
    absl::StrCat("SELECT ", kTicketColumns, " FROM tickets WHERE number = $1");
const std::string kUpdateState = absl::StrCat(R"sql(
UPDATE tickets SET state = $2, suspended_from = $3, version = version + 1,
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
constexpr char kNextSequence[] = "SELECT hotline_next_ticket_sequence($1::date)";

const char* NullIfEmpty(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

}  // namespace

TicketStore::TicketStore(TicketStoreOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

absl::StatusOr<std::string> TicketStore::NextNumber(pqxx::work& tx, absl::Time now) const {
  const absl::CivilDay day = domain::ServiceDay(now, options_.zone);
  const std::string day_text = absl::FormatCivilTime(day);
  const int64_t sequence = tx.exec_params1(kNextSequence, day_text)[0].as<int64_t>();
  return domain::FormatTicketNumber({options_.instance_id, day, sequence});
}

absl::StatusOr<v1::Ticket> TicketStore::Create(pqxx::work& tx, v1::Ticket draft,
                                               const v1::Actor& actor,
                                               const std::vector<CreationStep>& steps) const {
  if (draft.state() == v1::TICKET_STATE_UNSPECIFIED) draft.set_state(v1::TICKET_STATE_RECEIVED);
  auto initial = domain::TicketStateFromNumber(draft.state());
  if (!initial) return absl::InvalidArgumentError("ticket state is not a known state");

  // Walk the steps first: an illegal one writes nothing.
  domain::TicketStatus status{*initial, TicketState::kUnspecified};
  std::deque<v1::TicketStateChanged> changes;  // stable addresses for the event drafts
  std::vector<EventDraft> events;
  for (const CreationStep& step : steps) {
    const int64_t version = static_cast<int64_t>(events.size()) + 2;
    if (!step.action) {
      events.push_back({step.type, step.payload, version});
      continue;
    }
    absl::StatusOr<domain::TicketStatus> next = domain::ApplyTicketAction(status, *step.action);
    if (!next.ok()) return next.status();
    v1::TicketStateChanged& changed = changes.emplace_back();
    changed.set_from(static_cast<v1::TicketState>(status.state));
    changed.set_to(static_cast<v1::TicketState>(next->state));
    changed.set_reason_code(step.note.reason_code);
    changed.set_note(step.note.note);
    events.push_back({kTicketStateChanged, &changed, version});
    status = *next;
  }

  const absl::Time now = clock_.Now();
  absl::StatusOr<std::string> number = NextNumber(tx, now);
  if (!number.ok()) return number.status();
  std::string attachments;
  if (draft.attachments_size() > 0) {
    v1::Ticket holder;
    *holder.mutable_attachments() = draft.attachments();
    attachments = holder.SerializeAsString();
  }
  const std::string suspended_from =
      status.suspended_from == TicketState::kUnspecified
          ? std::string()
          : std::string(domain::TicketStateName(status.suspended_from));
  const pqxx::row row = tx.exec_params1(
      kInsertTicket, *number, options_.instance_id, static_cast<int>(draft.channel()),
      static_cast<int>(draft.source_line()), static_cast<int>(draft.kind()),
      static_cast<int>(draft.urgency()), draft.category(), draft.region().code(), draft.address(),
      draft.caller().name(), draft.caller().phone(), draft.caller().anonymous(),
      draft.caller().wants_confidentiality(), draft.content(), pqxx::binarystring(attachments),
      draft.flags().involves_minor(), draft.flags().emergency(),
      std::string(domain::TicketStateName(status.state)), NullIfEmpty(draft.idempotency_key()),
      absl::ToUnixMicros(now), static_cast<int64_t>(events.size()) + 1,
      NullIfEmpty(suspended_from));
  v1::Ticket ticket = TicketFromRow(row);

  // The creation event shows the ticket as it was born, before the steps.
  v1::TicketCreated created;
  *created.mutable_ticket() = ticket;
  created.mutable_ticket()->set_state(draft.state());
  created.mutable_ticket()->set_version(1);
  events.insert(events.begin(), EventDraft{kTicketCreated, &created, 1});
  WriteEvents(tx, ticket, events, actor, now, options_.stream_partitions);
  return ticket;
}

absl::StatusOr<TicketStore::Locked> TicketStore::LockForChange(pqxx::work& tx, int64_t ticket_id,
                                                               int64_t expected_version) const {
  const pqxx::result rows = tx.exec_params(kLockById, ticket_id);
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("ticket ", ticket_id, " not found"));
  Locked locked{TicketFromRow(rows[0]), {}};
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

absl::StatusOr<v1::Ticket> TicketStore::Apply(pqxx::work& tx, int64_t ticket_id,
                                              int64_t expected_version, domain::TicketAction action,
                                              const v1::Actor& actor,
                                              const TransitionNote& note) const {
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
  v1::Ticket updated = TicketFromRow(
      tx.exec_params1(kUpdateState, ticket_id, std::string(domain::TicketStateName(next->state)),
                      NullIfEmpty(suspended_from), absl::ToUnixMicros(now)));
  v1::TicketStateChanged changed;
  changed.set_from(current.state());
  changed.set_to(updated.state());
  changed.set_reason_code(note.reason_code);
  changed.set_note(note.note);
  WriteEvent(tx, updated, kTicketStateChanged, changed, actor, now, options_.stream_partitions);
  return updated;
}

absl::StatusOr<v1::Ticket> TicketStore::Record(pqxx::work& tx, int64_t ticket_id,
                                               int64_t expected_version, const std::string& type,
                                               const google::protobuf::Message& payload,
                                               const v1::Actor& actor) const {
  absl::StatusOr<Locked> locked = LockForChange(tx, ticket_id, expected_version);
  if (!locked.ok()) return locked.status();
  const absl::Time now = clock_.Now();
  v1::Ticket updated =
      TicketFromRow(tx.exec_params1(kBumpVersion, ticket_id, absl::ToUnixMicros(now)));
  WriteEvent(tx, updated, type, payload, actor, now, options_.stream_partitions);
  return updated;
}

absl::StatusOr<v1::Ticket> TicketStore::Get(pqxx::transaction_base& tx, int64_t ticket_id) const {
  const pqxx::result rows = tx.exec_params(kSelectById, ticket_id);
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("ticket ", ticket_id, " not found"));
  return TicketFromRow(rows[0]);
}

absl::StatusOr<v1::Ticket> TicketStore::GetByNumber(pqxx::transaction_base& tx,
                                                    const std::string& number) const {
  const pqxx::result rows = tx.exec_params(kSelectByNumber, number);
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("ticket ", number, " not found"));
  return TicketFromRow(rows[0]);
}

std::vector<v1::EventEnvelope> TicketStore::History(pqxx::transaction_base& tx,
                                                    int64_t ticket_id) const {
  std::vector<v1::EventEnvelope> events;
  for (const auto& row : tx.exec_params(kSelectHistory, ticket_id)) {
    pqxx::binarystring bytes(row[0]);
    events.emplace_back().ParseFromString(bytes.str());
  }
  return events;
}

}  // namespace hotline::ticketstore
