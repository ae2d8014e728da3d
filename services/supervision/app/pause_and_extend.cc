#include "services/supervision/app/pause_and_extend.h"

#include <vector>

#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "services/supervision/rules/clock_engine.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

v1::ExtensionState StateOf(bool approve) {
  return approve ? v1::EXTENSION_STATE_APPROVED : v1::EXTENSION_STATE_REJECTED;
}

}  // namespace

absl::StatusOr<SuspendResult> PauseAndExtend::Suspend(const TicketCommand& c,
                                                      const TicketGate& gate) {
  return ctx_.transactions.RunFor<SuspendResult>(
      [&](Transaction& tx) -> absl::StatusOr<SuspendResult> {
        auto open = OpenTicket(ctx_, tx, c.ticket_number, gate);
        if (!open.ok()) return open.status();
        const common::Ticket& ticket = open->ticket;
        auto settings = ctx_.settings.Get();
        if (!settings.ok()) return settings.status();
        auto policy = (*settings)->PolicyFor(ticket.kind(), ticket.urgency(), ticket.category());
        if (!policy.ok()) return policy.status();
        SuspendResult result;
        if (open->standing == Standing::kLeadUnit && (*policy)->suspension_needs_approval) {
          // Legal now? Refuse a request the office could never approve.
          auto legal = domain::ApplyTicketAction({static_cast<domain::TicketState>(ticket.state())},
                                                 TicketAction::kSuspend);
          if (!legal.ok()) return legal.status();
          result.request_id =
              requests_.AddSuspension(tx, {ticket.id(), ticket.number(), ticket.region().code(),
                                           c.actor.principal(), c.reason, ctx_.clock.Now()});
          return result;
        }
        auto suspended = ctx_.tickets.Apply(tx, ticket.id(), 0, TicketAction::kSuspend, c.actor,
                                            {"supervision.suspended"});
        if (!suspended.ok()) return suspended.status();
        result.suspended = true;
        return result;
      });
}

absl::StatusOr<common::TicketState> PauseAndExtend::DecideSuspension(const DecisionCommand& c,
                                                                     const TicketGate& gate) {
  return ctx_.transactions.RunFor<common::TicketState>(
      [&](Transaction& tx) -> absl::StatusOr<common::TicketState> {
        std::optional<SuspensionRequestHead> request = requests_.LockSuspension(tx, c.request_id);
        if (!request) return absl::NotFoundError("no such suspension request");
        auto open = OpenTicket(ctx_, tx, request->ticket_number, gate);
        if (!open.ok()) return open.status();
        if (request->state != v1::EXTENSION_STATE_PENDING) {
          return absl::FailedPreconditionError("the request was decided already");
        }
        requests_.DecideSuspension(tx, c.request_id, StateOf(c.approve), c.reason,
                                   ctx_.clock.Now());
        if (!c.approve) return open->ticket.state();
        auto suspended = ctx_.tickets.Apply(tx, open->ticket.id(), 0, TicketAction::kSuspend,
                                            c.actor, {"supervision.suspended"});
        if (!suspended.ok()) return suspended.status();
        return suspended->state();
      });
}

absl::StatusOr<common::TicketState> PauseAndExtend::Resume(const TicketCommand& c,
                                                           const TicketGate& gate) {
  return ctx_.transactions.RunFor<common::TicketState>(
      [&](Transaction& tx) -> absl::StatusOr<common::TicketState> {
        auto open = OpenTicket(ctx_, tx, c.ticket_number, gate);
        if (!open.ok()) return open.status();
        auto resumed = ctx_.tickets.Apply(tx, open->ticket.id(), 0, TicketAction::kResume, c.actor,
                                          {"supervision.resumed"});
        if (!resumed.ok()) return resumed.status();
        return resumed->state();
      });
}

absl::StatusOr<v1::ExtensionRequest> PauseAndExtend::RequestExtension(const ExtensionCommand& c,
                                                                      const TicketGate& gate) {
  return ctx_.transactions.RunFor<v1::ExtensionRequest>(
      [&](Transaction& tx) -> absl::StatusOr<v1::ExtensionRequest> {
        auto open = OpenTicket(ctx_, tx, c.ticket_number, gate);
        if (!open.ok()) return open.status();
        const common::Ticket& ticket = open->ticket;
        const absl::Time now = ctx_.clock.Now();
        std::optional<ClockRow> handling;
        for (ClockRow& clock : ctx_.clocks.Live(tx, ticket.id())) {
          if (clock.kind == ClockKind::kHandling) handling = clock;
        }
        if (!handling) {
          return absl::FailedPreconditionError("the ticket has no running handling clock");
        }
        if (handling->due_at <= now) {
          return absl::FailedPreconditionError(
              "an extension must be asked before the handling deadline");
        }
        if (FromTimestamp(c.requested_due_at) <= handling->due_at) {
          return InvalidFields({{"requested_due_at", "must be after the current due time"}});
        }
        v1::ExtensionRequest e;
        e.set_ticket_number(ticket.number());
        e.set_unit_id(c.actor.principal());
        e.set_reason(c.reason);
        *e.mutable_requested_due_at() = c.requested_due_at;
        e.set_state(v1::EXTENSION_STATE_PENDING);
        *e.mutable_requested_at() = ToTimestamp(now);
        e.set_id(requests_.AddExtension(tx, ticket.id(), ticket.region().code(), e));
        return e;
      });
}

absl::StatusOr<ExtensionDecision> PauseAndExtend::DecideExtension(const DecisionCommand& c,
                                                                  const TicketGate& gate) {
  return ctx_.transactions.RunFor<ExtensionDecision>(
      [&](Transaction& tx) -> absl::StatusOr<ExtensionDecision> {
        std::optional<v1::ExtensionRequest> request = requests_.LockExtension(tx, c.request_id);
        if (!request) return absl::NotFoundError("no such extension request");
        auto open = OpenTicket(ctx_, tx, request->ticket_number(), gate);
        if (!open.ok()) return open.status();
        const common::Ticket& ticket = open->ticket;
        if (request->state() != v1::EXTENSION_STATE_PENDING) {
          return absl::FailedPreconditionError("the request was decided already");
        }
        const absl::Time now = ctx_.clock.Now();
        ExtensionDecision decision;
        v1::ExtensionRequest& e = decision.request;
        e = *std::move(request);
        e.set_ticket_number(ticket.number());
        e.set_state(StateOf(c.approve));
        e.set_decision_reason(c.reason);
        *e.mutable_decided_at() = ToTimestamp(now);
        requests_.DecideExtension(tx, c.request_id, e.state(), c.reason, now);
        v1::ClocksChanged changed;
        if (c.approve) {
          auto settings = ctx_.settings.Get();
          if (!settings.ok()) return settings.status();
          const ClockEngine engine(**settings);
          const absl::Time requested = FromTimestamp(e.requested_due_at());
          for (ClockRow& clock : ctx_.clocks.Live(tx, ticket.id())) {
            if (clock.kind != ClockKind::kHandling) continue;
            if (absl::Status s = engine.Extend(clock, requested); !s.ok()) return s;
            ctx_.clocks.Save(tx, clock);
            decision.handling = ClockToProto(clock, now);
            *changed.add_clocks() = ClockToProto(clock, now);
          }
        }
        v1::ExtensionDecided decided;
        *decided.mutable_request() = e;
        std::vector<ticketstore::RecordDraft> drafts = {
            {ticket.id(), event_type::kSupervisionExtensionDecided, &decided}};
        if (changed.clocks_size() > 0) {
          drafts.push_back({ticket.id(), event_type::kSupervisionClocksChanged, &changed});
        }
        if (absl::Status s = ctx_.tickets.RecordMany(tx, drafts, c.actor); !s.ok()) return s;
        return decision;
      });
}

}  // namespace hotline::supervision
