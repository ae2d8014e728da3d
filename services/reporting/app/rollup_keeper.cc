#include "services/reporting/app/rollup_keeper.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::reporting {

absl::StatusOr<TicketFacts> StartingFacts(Transaction& tx, const ticketstore::TicketStore& tickets,
                                          const hotline::common::v1::EventEnvelope& event) {
  if (event.type() == event_type::kTicketCreated) return TicketFacts{};
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets.Get(tx, event.ticket_id());
  if (!ticket.ok()) return ticket.status();
  return FactsFromTicket(*ticket);
}

absl::Status RollupKeeper::Apply(Transaction& tx, const hotline::common::v1::EventEnvelope& event) {
  if (!CountsEvent(event)) return absl::OkStatus();
  std::optional<TicketFacts> before = stores_.facts.Lock(tx, event.ticket_id());
  if (!before) {
    absl::StatusOr<TicketFacts> starting = StartingFacts(tx, stores_.tickets, event);
    if (!starting.ok()) return starting.status();
    before = *std::move(starting);
  }
  absl::StatusOr<Judgement> judgement = working_.For(tx, event);
  if (!judgement.ok()) return judgement.status();
  const EventOutcome out = ApplyEvent(event, *before, judgement->context);
  if (out.changed) {
    stores_.facts.Save(tx, out.facts);
    stores_.counts.Add(tx, out.deltas);
  }
  stores_.tables.RecordProgress(tx, PartitionOf(event.ticket_id()),
                                FromTimestamp(event.occurred_at()));
  return absl::OkStatus();
}

absl::Status RollupKeeper::ApplyBatch(
    Transaction& tx, const std::vector<const hotline::common::v1::EventEnvelope*>& events) {
  std::vector<int64_t> ids;
  absl::flat_hash_set<int64_t> distinct;
  for (const auto* event : events) {
    if (CountsEvent(*event) && distinct.insert(event->ticket_id()).second) {
      ids.push_back(event->ticket_id());
    }
  }
  if (ids.empty()) return absl::OkStatus();
  absl::flat_hash_map<int64_t, TicketFacts> facts = stores_.facts.LockMany(tx, ids);
  absl::flat_hash_set<int64_t> changed;
  std::vector<Delta> deltas;
  absl::flat_hash_map<int, absl::Time> progress;  // by partition: the latest event applied
  for (const auto* event : events) {
    if (!CountsEvent(*event)) continue;
    auto it = facts.find(event->ticket_id());
    if (it == facts.end()) {
      absl::StatusOr<TicketFacts> starting = StartingFacts(tx, stores_.tickets, *event);
      if (!starting.ok()) return starting.status();
      it = facts.emplace(event->ticket_id(), *std::move(starting)).first;
    }
    absl::StatusOr<Judgement> judgement = working_.For(tx, *event);
    if (!judgement.ok()) return judgement.status();
    EventOutcome out = ApplyEvent(*event, it->second, judgement->context);
    if (out.changed) {
      it->second = std::move(out.facts);
      changed.insert(event->ticket_id());
      deltas.insert(deltas.end(), out.deltas.begin(), out.deltas.end());
    }
    absl::Time& latest = progress[PartitionOf(event->ticket_id())];
    latest = std::max(latest, FromTimestamp(event->occurred_at()));
  }
  std::vector<TicketFacts> saved;
  for (int64_t id : ids) {  // in the order first seen
    if (changed.contains(id)) saved.push_back(facts.at(id));
  }
  stores_.facts.SaveMany(tx, saved);
  stores_.counts.Add(tx, deltas);
  for (const auto& [partition, at] : progress) stores_.tables.RecordProgress(tx, partition, at);
  return absl::OkStatus();
}

// The stream's partition of the ticket (the relay's rule: ticket id mod partitions).
int RollupKeeper::PartitionOf(int64_t ticket_id) const {
  return partitions_ > 0 ? static_cast<int>(ticket_id % partitions_) : 0;
}

}  // namespace hotline::reporting
