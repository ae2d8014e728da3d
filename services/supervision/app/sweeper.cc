#include "services/supervision/app/sweeper.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <deque>

#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/log.h"
#include "libs/domain/event_types.h"
#include "services/supervision/rules/clock_engine.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;

}  // namespace

Sweeper::Sweeper(const SupervisionContext& ctx, SweeperOptions options,
                 prometheus::Registry* registry)
    : ctx_(ctx), options_(options) {
  if (registry == nullptr) return;
  fired_ =
      &prometheus::BuildCounter()
           .Name("hotline_supervision_rungs_fired_total")
           .Help("Rungs of the escalation ladder fired (warnings, overdue, urging, escalation)")
           .Register(*registry)
           .Add({});
  delay_ = &prometheus::BuildHistogram()
                .Name("hotline_supervision_fire_delay_seconds")
                .Help("How long after its due time a rung fired")
                .Register(*registry)
                .Add({}, prometheus::Histogram::BucketBoundaries{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30,
                                                                 300});
}

Sweeper::~Sweeper() { Stop(); }

void Sweeper::Start() {
  thread_ = std::thread([this] {
    while (!stop_.HasBeenNotified()) {
      absl::StatusOr<int> fired = SweepOnce();
      if (!fired.ok()) {
        log::Warning("deadline sweep failed", {{"error", std::string(fired.status().message())}});
      }
      // A full batch means more is due: go on at once.
      if (fired.ok() && *fired >= options_.batch) continue;
      stop_.WaitForNotificationWithTimeout(options_.every);
    }
  });
}

void Sweeper::Stop() {
  if (!thread_.joinable()) return;
  stop_.Notify();
  thread_.join();
}

absl::StatusOr<int> Sweeper::SweepOnce() {
  auto settings = ctx_.settings.Get();
  if (!settings.ok()) return settings.status();
  const ClockEngine engine(**settings);
  std::vector<double> delays;
  auto fired = ctx_.transactions.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
    delays.clear();
    const absl::Time now = ctx_.clock.Now();
    std::vector<ClockRow> due = ctx_.clocks.ClaimDue(tx, now, options_.batch);
    std::deque<v1::DeadlineStep> payloads;  // stable addresses for the drafts
    std::vector<ticketstore::RecordDraft> drafts;
    for (ClockRow& c : due) {
      absl::StatusOr<Step> step = engine.DueStep(c);
      if (!step.ok()) {  // e.g. its calendar was removed: leave it, say so, go on
        log::Warning("clock cannot fire", {{"clock", std::to_string(c.id)},
                                           {"error", std::string(step.status().message())}});
        continue;
      }
      delays.push_back(absl::ToDoubleSeconds(now - *c.next_fire_at));
      if (c.kind == ClockKind::kRetention) {
        auto archived = ctx_.tickets.Apply(tx, c.ticket_id, 0, domain::TicketAction::kArchive,
                                           SupervisionActor(), {"supervision.retention"});
        // Reopened or otherwise moved on since: there is nothing to archive.
        if (!archived.ok() && !absl::IsFailedPrecondition(archived.status())) {
          return archived.status();
        }
      } else {
        v1::DeadlineStep& payload = payloads.emplace_back();
        *payload.mutable_clock() = ClockToProto(c, now);
        payload.set_step(static_cast<v1::EscalationStep>(*step));
        payload.set_unit_id(c.unit_id);
        if (*step == Step::kEscalation) payload.set_superior_unit_id(c.superior_unit_id);
        drafts.push_back({c.ticket_id, event_type::kSupervisionDeadlineStep, &payload});
      }
      if (absl::Status s = engine.Fired(c, *step); !s.ok()) return s;
    }
    ctx_.clocks.SaveMany(tx, due);
    if (absl::Status s = ctx_.tickets.RecordMany(tx, drafts, SupervisionActor()); !s.ok()) {
      return s;
    }
    return static_cast<int>(due.size());
  });
  if (fired.ok() && fired_ != nullptr) {
    fired_->Increment(static_cast<double>(delays.size()));
    for (double d : delays) delay_->Observe(d);
  }
  return fired;
}

}  // namespace hotline::supervision
