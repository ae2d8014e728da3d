#include "services/supervision/app/clock_keeper.h"

#include <optional>
#include <vector>

#include "libs/domain/event_types.h"
#include "libs/domain/ticket_state.h"
#include "services/supervision/rules/clock_engine.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;
namespace routing = hotline::routing::v1;
namespace v1 = hotline::supervision::v1;

using State = common::TicketState;

// The clocks a change saved or started, announced together as one supervision.clocks_changed.
class Changes {
 public:
  Changes(const SupervisionContext& ctx, Transaction& tx, absl::Time now)
      : ctx_(ctx), tx_(tx), now_(now) {}
  void Saved(const ClockRow& row) {
    ctx_.clocks.Save(tx_, row);
    *event_.add_clocks() = ClockToProto(row, now_);
  }
  void Inserted(const ClockRow& row) { *event_.add_clocks() = ClockToProto(row, now_); }
  absl::Status Announce(int64_t ticket_id) {
    if (event_.clocks_size() == 0) return absl::OkStatus();
    return ctx_.tickets
        .Record(tx_, ticket_id, 0, event_type::kSupervisionClocksChanged, event_,
                SupervisionActor())
        .status();
  }

 private:
  const SupervisionContext& ctx_;
  Transaction& tx_;
  absl::Time now_;
  v1::ClocksChanged event_;
};

absl::Status OnDispatched(const SupervisionContext& ctx, const ClockEngine& engine,
                          const common::Ticket& ticket, const routing::TicketDispatched& dispatched,
                          absl::Time at, Transaction& tx) {
  Changes changes(ctx, tx, at);
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
      if (std::optional<ClockRow> inserted = ctx.clocks.Insert(tx, row))
        changes.Inserted(*inserted);
    }
  }
  std::optional<ClockRow> handling;
  for (ClockRow& c : ctx.clocks.Live(tx, ticket.id())) {
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
      if (std::optional<ClockRow> inserted = ctx.clocks.Insert(tx, row))
        changes.Inserted(*inserted);
    }
  }
  return changes.Announce(ticket.id());
}

absl::Status OnAssignmentChanged(const SupervisionContext& ctx, const ClockEngine& engine,
                                 int64_t ticket_id, const routing::Assignment& a, absl::Time at,
                                 Transaction& tx) {
  Changes changes(ctx, tx, at);
  for (ClockRow& c : ctx.clocks.Live(tx, ticket_id)) {
    if (c.assignment_id != a.id()) continue;
    const bool stop =
        (c.kind == ClockKind::kSignFor && a.state() != common::ASSIGNMENT_STATE_DISPATCHED) ||
        (c.kind == ClockKind::kCoReply && a.state() != common::ASSIGNMENT_STATE_DISPATCHED &&
         a.state() != common::ASSIGNMENT_STATE_SIGNED);
    if (!stop) continue;
    engine.Stop(c);
    changes.Saved(c);
  }
  return changes.Announce(ticket_id);
}

absl::Status OnStateChanged(const SupervisionContext& ctx, const ClockEngine& engine,
                            const Settings& settings, const common::Ticket& ticket,
                            const common::TicketStateChanged& changed, absl::Time at,
                            Transaction& tx) {
  const State to = changed.to(), from = changed.from();
  Changes changes(ctx, tx, at);
  std::vector<ClockRow> live = ctx.clocks.Live(tx, ticket.id());
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
                        {"supervision.no_review"})
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
        if (std::optional<ClockRow> inserted = ctx.clocks.Insert(tx, **started)) {
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
  return changes.Announce(ticket.id());
}

}  // namespace

absl::Status ClockKeeper::Dispatched(Transaction& tx, int64_t ticket_id,
                                     const routing::TicketDispatched& dispatched,
                                     absl::Time occurred_at) {
  return WithTicket(tx, ticket_id, occurred_at, [&](const Inputs& in) -> absl::Status {
    if (domain::IsTerminal(static_cast<domain::TicketState>(in.ticket.state()))) {
      return absl::OkStatus();
    }
    return OnDispatched(ctx_, in.engine, in.ticket, dispatched, in.at, tx);
  });
}

absl::Status ClockKeeper::AssignmentChanged(Transaction& tx, int64_t ticket_id,
                                            const routing::Assignment& assignment,
                                            absl::Time occurred_at) {
  return WithTicket(tx, ticket_id, occurred_at, [&](const Inputs& in) {
    return OnAssignmentChanged(ctx_, in.engine, in.ticket.id(), assignment, in.at, tx);
  });
}

absl::Status ClockKeeper::StateChanged(Transaction& tx, int64_t ticket_id,
                                       const common::TicketStateChanged& changed,
                                       absl::Time occurred_at) {
  return WithTicket(tx, ticket_id, occurred_at, [&](const Inputs& in) {
    return OnStateChanged(ctx_, in.engine, in.settings, in.ticket, changed, in.at, tx);
  });
}

absl::Status ClockKeeper::WithTicket(Transaction& tx, int64_t ticket_id, absl::Time occurred_at,
                                     absl::FunctionRef<absl::Status(const Inputs&)> body) {
  absl::StatusOr<common::Ticket> ticket = ctx_.tickets.Get(tx, ticket_id);
  if (!ticket.ok()) {
    return absl::IsNotFound(ticket.status()) ? absl::OkStatus() : ticket.status();
  }
  auto settings = ctx_.settings.Get();
  if (!settings.ok()) return settings.status();
  const ClockEngine engine(**settings);
  return body({*ticket, **settings, engine, ctx_.clock.FromSystem(occurred_at)});
}

}  // namespace hotline::supervision
