#include "services/reporting/app/rollup_rebuilder.h"

#include <optional>
#include <vector>

namespace hotline::reporting {
namespace {

// One ticket's replay: its facts so far, and whether any event changed them.
struct Replaying {
  TicketFacts facts;
  bool changed = false;
};

}  // namespace

absl::StatusOr<RebuildResult> RollupRebuilder::Rebuild() {
  return transactions_.RunFor<RebuildResult>([&](Transaction& tx) -> absl::StatusOr<RebuildResult> {
    stores_.tables.StartFresh(tx);
    RebuildResult result;
    std::optional<Replaying> current;
    int64_t current_id = 0;
    auto finish = [&] {
      if (current && current->changed) {
        stores_.facts.Save(tx, current->facts);
        ++result.tickets;
      }
    };
    int64_t after_ticket = 0, after_version = 0;
    while (true) {
      absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> events =
          history_.After(tx, after_ticket, after_version, batch_);
      if (!events.ok()) return events.status();
      if (events->empty()) break;
      std::vector<Delta> deltas;
      for (const hotline::common::v1::EventEnvelope& event : *events) {
        after_ticket = event.ticket_id();
        after_version = event.ticket_version();
        if (!CountsEvent(event)) continue;
        if (!current || current_id != event.ticket_id()) {
          finish();
          absl::StatusOr<TicketFacts> starting = StartingFacts(tx, stores_.tickets, event);
          if (!starting.ok()) return starting.status();
          current = Replaying{*std::move(starting), false};
          current_id = event.ticket_id();
        }
        absl::StatusOr<Judgement> judgement = working_.For(tx, event);
        if (!judgement.ok()) return judgement.status();
        EventOutcome out = ApplyEvent(event, current->facts, judgement->context);
        ++result.events_replayed;
        if (!out.changed) continue;
        current->facts = std::move(out.facts);
        current->changed = true;
        deltas.insert(deltas.end(), out.deltas.begin(), out.deltas.end());
      }
      stores_.counts.Add(tx, deltas);
    }
    finish();
    stores_.tables.SwapIn(tx);
    return result;
  });
}

}  // namespace hotline::reporting
