#include "services/deadline-supervision/ticket_events_handler.h"

#include "hotline/routing/v1/routing.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_state.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/deadline-supervision/clock_engine.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;
namespace routing = hotline::routing::v1;
namespace v1 = hotline::supervision::v1;

using State = common::TicketState;

class Changes {
 public:
  Changes(pqxx::work& tx, absl::Time now) : tx_(tx), now_(now) {}
  void Saved(const ClockRow& row) {
    SaveClock(tx_, row);
    *event_.add_clocks() = ClockToProto(row, now_);
  }
  void Inserted(const ClockRow& row) { *event_.add_clocks() = ClockToProto(row, now_); }
  absl::Status Announce(const SupervisionContext& ctx, int64_t ticket_id) {
    if (event_.clocks_size() == 0) return absl::OkStatus();
    return ctx.tickets
        .Record(tx_, ticket_id, 0, event_type::kSupervisionClocksChanged, event_,
                SupervisionActor())
        .status();
  }

 private:
  pqxx::work& tx_;
  absl::Time now_;
  v1::ClocksChanged event_;
};

absl::Status OnDispatched(const SupervisionContext& ctx, const ClockEngine& engine,
                          const common::Ticket& ticket, const routing::TicketDispatched& dispatched,
                          absl::Time at, pqxx::work& tx) {
  Changes changes(tx, at);
  const routing::Assignment* lead = nullptr;
  for (const routing::Assignment& a : dispatched.assignments()) {
    if (a.role() == common::ASSIGNMENT_ROLE_LEAD) lead = &a;
    std::vector<ClockKind> kinds = {ClockKind::kSignFor};
    if (a.role() == common::ASSIGNMENT_ROLE_CO_HANDLER) kinds.push_back(ClockKind::kCoReply);
    for (ClockKind kind : kinds) {
      auto started = engine.Start(ticket, kind, at);
      if (!started.ok()) return started.status();
      if (!*started) continue;
      ClockRow& row = **started;
      row.assignment_id = a.id();
      row.unit_id = a.unit_id();
      row.superior_unit_id = a.superior_unit_id();
      if (std::optional<ClockRow> inserted = InsertClock(tx, row)) changes.Inserted(*inserted);
    }
  }
  std::optional<ClockRow> handling;
  for (ClockRow& c : LiveClocks(tx, ticket.id())) {
    if (c.kind == ClockKind::kHandling) handling = c;
  }
  if (handling) {  // a return or reassignment: the same clock, now the new lead's
    if (lead != nullptr && handling->unit_id != lead->unit_id()) {
      handling->unit_id = lead->unit_id();
      handling->superior_unit_id = lead->superior_unit_id();
      changes.Saved(*handling);
    }
  } else {
    auto started = engine.Start(ticket, ClockKind::kHandling, at);
    if (!started.ok()) return started.status();
    if (*started) {
      ClockRow& row = **started;
      if (lead != nullptr) {
        row.unit_id = lead->unit_id();
        row.superior_unit_id = lead->superior_unit_id();
      }
      if (std::optional<ClockRow> inserted = InsertClock(tx, row)) changes.Inserted(*inserted);
    }
  }
  return changes.Announce(ctx, ticket.id());
}

absl::Status OnAssignmentChanged(const SupervisionContext& ctx, const ClockEngine& engine,
                                 int64_t ticket_id, const routing::Assignment& a, absl::Time at,
                                 pqxx::work& tx) {
  Changes changes(tx, at);
  for (ClockRow& c : LiveClocks(tx, ticket_id)) {
    if (c.assignment_id != a.id()) continue;
    const bool stop =
        (c.kind == ClockKind::kSignFor && a.state() != common::ASSIGNMENT_STATE_DISPATCHED) ||
        (c.kind == ClockKind::kCoReply && a.state() != common::ASSIGNMENT_STATE_DISPATCHED &&
         a.state() != common::ASSIGNMENT_STATE_SIGNED);
    if (!stop) continue;
    engine.Stop(c);
    changes.Saved(c);
  }
  return changes.Announce(ctx, ticket_id);
}

absl::Status OnStateChanged(const SupervisionContext& ctx, const ClockEngine& engine,
                            const Settings& settings, const common::Ticket& ticket,
                            const common::TicketStateChanged& changed, absl::Time at,
                            pqxx::work& tx) {
  const State to = changed.to(), from = changed.from();
  Changes changes(tx, at);
  std::vector<ClockRow> live = LiveClocks(tx, ticket.id());
  auto each = [&](auto&& change, bool handling_only = false) -> absl::Status {
    for (ClockRow& c : live) {
      if (handling_only && c.kind != ClockKind::kHandling) continue;
      ClockRow before = c;
      if (absl::Status s = change(c); !s.ok()) return s;
      if (c.state != before.state || c.due_at != before.due_at) changes.Saved(c);
    }
    return absl::OkStatus();
  };
  auto pause = [&](ClockRow& c) {
    engine.Pause(c, at);
    return absl::OkStatus();
  };
  auto resume = [&](ClockRow& c) { return engine.Resume(c, at); };
  auto stop = [&](ClockRow& c) {
    engine.Stop(c);
    return absl::OkStatus();
  };

  absl::Status done;
  if (to == common::TICKET_STATE_SUSPENDED) {
    done = each(pause);
  } else if (from == common::TICKET_STATE_SUSPENDED) {
    // Back to where it was; a ticket still waiting for review keeps its handling clock paused.
    done = each([&](ClockRow& c) {
      if (to == common::TICKET_STATE_REPLIED && c.kind == ClockKind::kHandling) {
        return absl::OkStatus();
      }
      return engine.Resume(c, at);
    });
  } else if (to == common::TICKET_STATE_REPLIED) {
    done = each(pause, /*handling_only=*/true);
    auto policy = settings.PolicyFor(ticket.kind(), ticket.urgency(), ticket.category());
    if (done.ok() && policy.ok() && !(*policy)->requires_review &&
        ticket.state() == common::TICKET_STATE_REPLIED) {
      done = ctx.tickets
                 .Apply(tx, ticket.id(), 0, domain::TicketAction::kApprove, SupervisionActor(),
                        {"supervision.no_review", ""})
                 .status();
    }
  } else if (from == common::TICKET_STATE_REPLIED && to == common::TICKET_STATE_IN_PROGRESS) {
    done = each(resume, /*handling_only=*/true);
  } else if (to == common::TICKET_STATE_CLOSED || to == common::TICKET_STATE_ANSWERED) {
    done = each(stop);
    if (done.ok() && ticket.state() == to) {
      auto started = engine.Start(ticket, ClockKind::kFollowUp, at);
      if (!started.ok()) return started.status();
      if (*started) {
        if (std::optional<ClockRow> inserted = InsertClock(tx, **started)) {
          changes.Inserted(*inserted);
        }
      }
    }
  } else if (to == common::TICKET_STATE_FOLLOWED_UP) {
    // The follow-up is done; the retention clock it started runs on.
    done = each([&](ClockRow& c) {
      if (c.kind == ClockKind::kFollowUp) engine.Stop(c);
      return absl::OkStatus();
    });
  } else if (to == common::TICKET_STATE_REOPENED ||
             domain::IsTerminal(static_cast<domain::TicketState>(to))) {
    done = each(stop);
  }
  if (!done.ok()) return done;
  return changes.Announce(ctx, ticket.id());
}

}  // namespace

// The transitions that start, pause, resume or stop clocks; the others (accepted, dispatched,
// signed…) change none, and most of a ticket's transitions are of that kind.
bool MovesClocks(const common::TicketStateChanged& changed) {
  const State to = changed.to(), from = changed.from();
  return to == common::TICKET_STATE_SUSPENDED || from == common::TICKET_STATE_SUSPENDED ||
         to == common::TICKET_STATE_REPLIED || from == common::TICKET_STATE_REPLIED ||
         to == common::TICKET_STATE_CLOSED || to == common::TICKET_STATE_ANSWERED ||
         to == common::TICKET_STATE_FOLLOWED_UP || to == common::TICKET_STATE_REOPENED ||
         domain::IsTerminal(static_cast<domain::TicketState>(to));
}

bool SupervisionWants(const common::EventEnvelope& event) {
  if (event.type() == event_type::kRoutingDispatched ||
      event.type() == event_type::kRoutingAssignmentChanged) {
    return true;
  }
  common::TicketStateChanged changed;
  return event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed) &&
         MovesClocks(changed);
}

absl::Status HandleTicketEvent(const SupervisionContext& ctx, const common::EventEnvelope& event,
                               pqxx::work& tx) {
  if (!SupervisionWants(event)) return absl::OkStatus();
  absl::StatusOr<common::Ticket> ticket = ctx.tickets.Get(tx, event.ticket_id());
  if (!ticket.ok()) {
    return absl::IsNotFound(ticket.status()) ? absl::OkStatus() : ticket.status();
  }
  auto settings = ctx.settings.Get();
  if (!settings.ok()) return settings.status();
  const ClockEngine engine(**settings);
  const absl::Time at = ctx.clock.FromSystem(ticketstore::FromTimestamp(event.occurred_at()));

  routing::TicketDispatched dispatched;
  routing::AssignmentChanged assignment;
  common::TicketStateChanged changed;
  if (event.type() == event_type::kRoutingDispatched && event.payload().UnpackTo(&dispatched)) {
    if (domain::IsTerminal(static_cast<domain::TicketState>(ticket->state()))) {
      return absl::OkStatus();
    }
    return OnDispatched(ctx, engine, *ticket, dispatched, at, tx);
  }
  if (event.type() == event_type::kRoutingAssignmentChanged &&
      event.payload().UnpackTo(&assignment)) {
    return OnAssignmentChanged(ctx, engine, ticket->id(), assignment.assignment(), at, tx);
  }
  if (event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed)) {
    return OnStateChanged(ctx, engine, **settings, *ticket, changed, at, tx);
  }
  return absl::OkStatus();
}

}  // namespace hotline::supervision
