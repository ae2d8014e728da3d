#include "services/reporting/app/drift_check.h"

#include <map>
#include <vector>

#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/rules/event_deltas.h"

namespace hotline::reporting {
namespace {

// Zero amounts are no row: a +1 and a −1 on one day leave a row at 0 or none, both the same.
CellAmounts WithoutZeros(CellAmounts amounts) {
  for (auto it = amounts.begin(); it != amounts.end();) {
    it = it->second == 0 ? amounts.erase(it) : std::next(it);
  }
  return amounts;
}

}  // namespace

absl::StatusOr<DriftResult> DriftCheck::Check(absl::CivilDay day, int cells, int64_t seed) {
  const absl::Time from = absl::FromCivil(day, zone_);
  const absl::Time to = absl::FromCivil(day + 1, zone_);
  absl::StatusOr<DriftResult> result =
      transactions_.RunFor<DriftResult>([&](Transaction& tx) -> absl::StatusOr<DriftResult> {
        DriftResult r{day, 0, 0};
        // A ticket's deltas on the day, replayed once however many sampled cells it touches.
        std::map<int64_t, std::vector<Delta>> replayed;
        for (const SampledCell& cell : drift_.SampleCells(tx, day, cells, seed)) {
          CellAmounts recomputed;
          for (int64_t ticket : drift_.TicketsWithEvents(tx, cell.dims, from, to)) {
            auto [it, fresh] = replayed.try_emplace(ticket);
            if (fresh) {
              absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> events =
                  history_.OfTicket(tx, ticket, to);
              if (!events.ok()) return events.status();
              std::optional<TicketFacts> facts;
              for (const hotline::common::v1::EventEnvelope& event : *events) {
                if (!CountsEvent(event)) continue;
                if (!facts) {
                  absl::StatusOr<TicketFacts> starting = StartingFacts(tx, tickets_, event);
                  if (!starting.ok()) return starting.status();
                  facts = *std::move(starting);
                }
                absl::StatusOr<Judgement> judgement = working_.For(tx, event);
                if (!judgement.ok()) return judgement.status();
                EventOutcome out = ApplyEvent(event, *facts, judgement->context);
                if (!out.changed) continue;
                facts = std::move(out.facts);
                for (Delta& d : out.deltas) {
                  if (d.day == day) it->second.push_back(std::move(d));
                }
              }
            }
            for (const Delta& d : it->second) {
              if (d.dims == cell.dims) recomputed[{d.counter, d.detail}] += d.amount;
            }
          }
          ++r.cells_checked;
          if (WithoutZeros(recomputed) != WithoutZeros(cell.live)) ++r.mismatches;
        }
        return r;
      });
  if (result.ok()) {
    absl::MutexLock lock(&mu_);
    last_ = *result;
  }
  return result;
}

std::optional<DriftResult> DriftCheck::Last() const {
  absl::MutexLock lock(&mu_);
  return last_;
}

}  // namespace hotline::reporting
