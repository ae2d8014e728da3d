#include "tests/support/fake_ticket_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/ticketstore/event_outbox.h"

namespace hotline::testing {

namespace v1 = hotline::common::v1;
using domain::TicketState;

absl::StatusOr<FakeTicketStore::Entry*> FakeTicketStore::Lock(int64_t ticket_id,
                                                              int64_t expected_version) const {
  auto it = data_.tickets.find(ticket_id);
  if (it == data_.tickets.end()) {
    return absl::NotFoundError(absl::StrCat("ticket ", ticket_id, " not found"));
  }
  const v1::Ticket& current = it->second.ticket;
  if (expected_version != 0 && current.version() != expected_version) {
    return absl::AbortedError(absl::StrCat("ticket ", current.number(),
                                           " was changed concurrently: it is at version ",
                                           current.version(), ", not ", expected_version));
  }
  return &it->second;
}

absl::Status FakeTicketStore::Write(Entry& entry, const std::string& type,
                                    const google::protobuf::Message& payload,
                                    const v1::Actor& actor) const {
  v1::Ticket& t = entry.ticket;
  const absl::Time now = clock_.Now();
  absl::StatusOr<v1::EventEnvelope> envelope =
      ticketstore::MakeEnvelope(t, type, payload, t.version() + 1, actor, now);
  if (!envelope.ok()) return envelope.status();
  t.set_version(t.version() + 1);
  *t.mutable_updated_at() = ToTimestamp(now);
  data_.events.push_back(*std::move(envelope));
  return absl::OkStatus();
}

absl::Status FakeTicketStore::Transition(Entry& entry, domain::TicketAction action,
                                         const v1::Actor& actor,
                                         const ticketstore::TransitionNote& note) const {
  const domain::TicketStatus current{static_cast<TicketState>(entry.ticket.state()),
                                     entry.suspended_from};
  absl::StatusOr<domain::TicketStatus> next = domain::ApplyTicketAction(current, action);
  if (!next.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("ticket ", entry.ticket.number(), ": ", next.status().message()));
  }
  v1::TicketStateChanged changed;
  changed.set_from(entry.ticket.state());
  changed.set_to(static_cast<v1::TicketState>(next->state));
  changed.set_reason_code(note.reason_code);
  entry.ticket.set_state(static_cast<v1::TicketState>(next->state));
  entry.suspended_from = next->suspended_from;
  return Write(entry, event_type::kTicketStateChanged, changed, actor);
}

absl::StatusOr<v1::Ticket> FakeTicketStore::Create(
    Transaction&, v1::Ticket draft, const v1::Actor& actor,
    const std::vector<ticketstore::CreationStep>& steps) const {
  const Data before = data_;
  const int64_t id = data_.next_id++;
  draft.set_id(id);
  draft.set_number(absl::StrCat(instance_id_, "-F-", id));
  draft.set_instance_id(instance_id_);
  if (draft.state() == v1::TICKET_STATE_UNSPECIFIED) draft.set_state(v1::TICKET_STATE_RECEIVED);
  draft.set_version(0);
  *draft.mutable_created_at() = ToTimestamp(clock_.Now());
  Entry& entry = data_.tickets[id];
  entry.ticket = std::move(draft);
  v1::TicketCreated created;
  *created.mutable_ticket() = entry.ticket;
  created.mutable_ticket()->set_version(1);
  absl::Status status = Write(entry, event_type::kTicketCreated, created, actor);
  for (const ticketstore::CreationStep& step : steps) {
    if (!status.ok()) break;
    status = step.action ? Transition(entry, *step.action, actor, step.note)
                         : Write(entry, step.type, *step.payload, actor);
  }
  if (!status.ok()) {
    data_ = before;  // as PgTicketStore: an illegal step writes nothing
    return status;
  }
  return entry.ticket;
}

absl::StatusOr<v1::Ticket> FakeTicketStore::Apply(
    Transaction&, int64_t ticket_id, int64_t expected_version, domain::TicketAction action,
    const v1::Actor& actor, const ticketstore::TransitionNote& note,
    const std::vector<ticketstore::FollowUpEvent>& then) const {
  absl::StatusOr<Entry*> entry = Lock(ticket_id, expected_version);
  if (!entry.ok()) return entry.status();
  const Data before = data_;
  absl::Status status = Transition(**entry, action, actor, note);
  for (const ticketstore::FollowUpEvent& e : then) {
    if (!status.ok()) break;
    status = Write(**entry, e.type, *e.payload, actor);
  }
  if (!status.ok()) {
    data_ = before;
    return status;
  }
  return (*entry)->ticket;
}

absl::StatusOr<v1::Ticket> FakeTicketStore::Record(Transaction&, int64_t ticket_id,
                                                   int64_t expected_version,
                                                   const std::string& type,
                                                   const google::protobuf::Message& payload,
                                                   const v1::Actor& actor) const {
  absl::StatusOr<Entry*> entry = Lock(ticket_id, expected_version);
  if (!entry.ok()) return entry.status();
  if (absl::Status s = Write(**entry, type, payload, actor); !s.ok()) return s;
  return (*entry)->ticket;
}

absl::StatusOr<v1::Ticket> FakeTicketStore::RecordWithText(
    Transaction& tx, int64_t ticket_id, int64_t expected_version, const std::string& type,
    const google::protobuf::Message& payload, const v1::Actor& actor,
    const ticketstore::TicketText& text) const {
  absl::StatusOr<v1::Ticket> recorded =
      Record(tx, ticket_id, expected_version, type, payload, actor);
  if (!recorded.ok()) return recorded;
  ticketstore::TicketText kept = text;
  kept.ticket_version = recorded->version();
  kept.written_at = FromTimestamp(recorded->updated_at());
  data_.texts.emplace(ticket_id, std::move(kept));
  return recorded;
}

std::vector<ticketstore::TicketText> FakeTicketStore::Texts(Transaction&, int64_t ticket_id) const {
  std::vector<ticketstore::TicketText> out;
  auto [first, last] = data_.texts.equal_range(ticket_id);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

absl::Status FakeTicketStore::RecordMany(Transaction& tx,
                                         const std::vector<ticketstore::RecordDraft>& drafts,
                                         const v1::Actor& actor) const {
  const Data before = data_;
  for (const ticketstore::RecordDraft& d : drafts) {
    absl::StatusOr<v1::Ticket> recorded = Record(tx, d.ticket_id, 0, d.type, *d.payload, actor);
    if (!recorded.ok()) {
      data_ = before;
      return recorded.status();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Ticket> FakeTicketStore::Get(Transaction&, int64_t ticket_id) const {
  absl::StatusOr<Entry*> entry = Lock(ticket_id, 0);
  if (!entry.ok()) return entry.status();
  return (*entry)->ticket;
}

absl::StatusOr<v1::Ticket> FakeTicketStore::GetByNumber(Transaction&,
                                                        const std::string& number) const {
  for (const auto& [id, entry] : data_.tickets) {
    if (entry.ticket.number() == number) return entry.ticket;
  }
  return absl::NotFoundError(absl::StrCat("ticket ", number, " not found"));
}

std::vector<v1::EventEnvelope> FakeTicketStore::History(Transaction&, int64_t ticket_id) const {
  std::vector<v1::EventEnvelope> out;
  for (const v1::EventEnvelope& e : data_.events) {
    if (e.ticket_id() == ticket_id) out.push_back(e);
  }
  return out;
}

v1::Ticket FakeTicketStore::Put(v1::Ticket ticket) {
  if (ticket.id() == 0) ticket.set_id(data_.next_id);
  data_.next_id = std::max(data_.next_id, ticket.id() + 1);
  if (ticket.number().empty()) ticket.set_number(absl::StrCat(instance_id_, "-F-", ticket.id()));
  if (ticket.instance_id().empty()) ticket.set_instance_id(instance_id_);
  if (ticket.version() == 0) ticket.set_version(1);
  data_.tickets[ticket.id()] = {ticket, TicketState::kUnspecified};
  return ticket;
}

std::vector<std::string> FakeTicketStore::EventTypes(int64_t ticket_id) const {
  std::vector<std::string> out;
  for (const v1::EventEnvelope& e : data_.events) {
    if (e.ticket_id() == ticket_id) out.push_back(e.type());
  }
  return out;
}

}  // namespace hotline::testing
