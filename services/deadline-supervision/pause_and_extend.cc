#include "services/deadline-supervision/pause_and_extend.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/deadline-supervision/clock_engine.h"
#include "services/deadline-supervision/supervision_access.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

constexpr size_t kMaxReason = 1000;

absl::Status CheckReason(const std::string& field, const std::string& reason) {
  if (reason.empty()) return InvalidFields({{field, "is required"}});
  if (reason.size() > kMaxReason * 4) return InvalidFields({{field, "is too long"}});
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::SuspendResponse> PauseAndExtend::Suspend(const service::Principal& caller,
                                                            const v1::SuspendRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (r.reason().empty()) bad.push_back({"reason", "is required"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return pg::TransactFor<v1::SuspendResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::SuspendResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kOfficeOrLeadUnit);
        if (!ticket.ok()) return ticket.status();
        auto settings = ctx_.settings.Get();
        if (!settings.ok()) return settings.status();
        auto policy = (*settings)->PolicyFor(ticket->kind(), ticket->urgency(), ticket->category());
        if (!policy.ok()) return policy.status();
        v1::SuspendResponse response;
        if (caller.role == common::ROLE_UNIT && (*policy)->suspension_needs_approval) {
          // Legal now? Refuse a request the office could never approve.
          auto legal = domain::ApplyTicketAction(
              {static_cast<domain::TicketState>(ticket->state())}, TicketAction::kSuspend);
          if (!legal.ok()) return legal.status();
          const pqxx::row row =
              tx.exec_params1(R"sql(
INSERT INTO supervision_suspension_requests (ticket_id, ticket_number, region_code, requested_by,
  reason, requested_at)
VALUES ($1, $2, $3, $4, $5, 'epoch'::timestamptz + $6 * interval '1 microsecond') RETURNING id)sql",
                              ticket->id(), ticket->number(), ticket->region().code(), caller.name,
                              r.reason(), absl::ToUnixMicros(ctx_.clock.Now()));
          response.set_request_id(row[0].as<int64_t>());
          return response;
        }
        auto suspended =
            ctx_.tickets.Apply(tx, ticket->id(), 0, TicketAction::kSuspend, caller.ToActor(),
                               {"supervision.suspended", r.reason()});
        if (!suspended.ok()) return suspended.status();
        response.set_suspended(true);
        return response;
      });
}

absl::StatusOr<v1::DecideSuspensionResponse> PauseAndExtend::DecideSuspension(
    const service::Principal& caller, const v1::DecideSuspensionRequest& r) {
  if (r.request_id() <= 0) return InvalidFields({{"request_id", "is required"}});
  if (!r.approve()) {
    if (auto s = CheckReason("reason", r.reason()); !s.ok()) return s;
  }
  return pg::TransactFor<v1::DecideSuspensionResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::DecideSuspensionResponse> {
        const pqxx::result rows = tx.exec_params(
            "SELECT ticket_number, state FROM supervision_suspension_requests WHERE id = $1 "
            "FOR UPDATE",
            r.request_id());
        if (rows.empty()) return absl::NotFoundError("no such suspension request");
        auto ticket = TicketFor(tx, ctx_, caller, rows[0][0].c_str(), Need::kOffice);
        if (!ticket.ok()) return ticket.status();
        if (rows[0][1].as<int>() != v1::EXTENSION_STATE_PENDING) {
          return absl::FailedPreconditionError("the request was decided already");
        }
        tx.exec_params0(R"sql(
UPDATE supervision_suspension_requests SET state = $2, decision_reason = $3,
  decided_at = 'epoch'::timestamptz + $4 * interval '1 microsecond' WHERE id = $1)sql",
                        r.request_id(),
                        static_cast<int>(r.approve() ? v1::EXTENSION_STATE_APPROVED
                                                     : v1::EXTENSION_STATE_REJECTED),
                        r.reason(), absl::ToUnixMicros(ctx_.clock.Now()));
        v1::DecideSuspensionResponse response;
        response.set_ticket_state(ticket->state());
        if (r.approve()) {
          auto suspended =
              ctx_.tickets.Apply(tx, ticket->id(), 0, TicketAction::kSuspend, caller.ToActor(),
                                 {"supervision.suspended", r.reason()});
          if (!suspended.ok()) return suspended.status();
          response.set_ticket_state(suspended->state());
        }
        return response;
      });
}

absl::StatusOr<v1::ResumeResponse> PauseAndExtend::Resume(const service::Principal& caller,
                                                          const v1::ResumeRequest& r) {
  if (r.ticket_number().empty()) return InvalidFields({{"ticket_number", "is required"}});
  return pg::TransactFor<v1::ResumeResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ResumeResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kOfficeOrLeadUnit);
        if (!ticket.ok()) return ticket.status();
        auto resumed = ctx_.tickets.Apply(tx, ticket->id(), 0, TicketAction::kResume,
                                          caller.ToActor(), {"supervision.resumed", ""});
        if (!resumed.ok()) return resumed.status();
        v1::ResumeResponse response;
        response.set_ticket_state(resumed->state());
        return response;
      });
}

absl::StatusOr<v1::RequestExtensionResponse> PauseAndExtend::RequestExtension(
    const service::Principal& caller, const v1::RequestExtensionRequest& r) {
  std::vector<FieldViolation> bad;
  if (r.ticket_number().empty()) bad.push_back({"ticket_number", "is required"});
  if (r.reason().empty()) bad.push_back({"reason", "is required"});
  if (!r.has_requested_due_at()) bad.push_back({"requested_due_at", "is required"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  if (caller.role != common::ROLE_UNIT) {
    return absl::PermissionDeniedError("an extension is asked by the lead unit");
  }
  const absl::Time requested = ticketstore::FromTimestamp(r.requested_due_at());
  return pg::TransactFor<v1::RequestExtensionResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::RequestExtensionResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kLeadUnit);
        if (!ticket.ok()) return ticket.status();
        const absl::Time now = ctx_.clock.Now();
        std::optional<ClockRow> handling;
        for (ClockRow& c : LiveClocks(tx, ticket->id())) {
          if (c.kind == ClockKind::kHandling) handling = c;
        }
        if (!handling)
          return absl::FailedPreconditionError("the ticket has no running handling clock");
        if (handling->due_at <= now) {
          return absl::FailedPreconditionError(
              "an extension must be asked before the handling deadline");
        }
        if (requested <= handling->due_at) {
          return InvalidFields({{"requested_due_at", "must be after the current due time"}});
        }
        const pqxx::row row =
            tx.exec_params1(R"sql(
INSERT INTO supervision_extension_requests (ticket_id, ticket_number, region_code, unit_id, reason,
  requested_due_at, requested_at)
VALUES ($1, $2, $3, $4, $5, 'epoch'::timestamptz + $6 * interval '1 microsecond',
  'epoch'::timestamptz + $7 * interval '1 microsecond') RETURNING id)sql",
                            ticket->id(), ticket->number(), ticket->region().code(), caller.name,
                            r.reason(), absl::ToUnixMicros(requested), absl::ToUnixMicros(now));
        v1::RequestExtensionResponse response;
        v1::ExtensionRequest* e = response.mutable_request();
        e->set_id(row[0].as<int64_t>());
        e->set_ticket_number(ticket->number());
        e->set_unit_id(caller.name);
        e->set_reason(r.reason());
        *e->mutable_requested_due_at() = r.requested_due_at();
        e->set_state(v1::EXTENSION_STATE_PENDING);
        *e->mutable_requested_at() = ticketstore::ToTimestamp(now);
        return response;
      });
}

absl::StatusOr<v1::DecideExtensionResponse> PauseAndExtend::DecideExtension(
    const service::Principal& caller, const v1::DecideExtensionRequest& r) {
  if (r.request_id() <= 0) return InvalidFields({{"request_id", "is required"}});
  if (!r.approve()) {
    if (auto s = CheckReason("reason", r.reason()); !s.ok()) return s;
  }
  return pg::TransactFor<v1::DecideExtensionResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::DecideExtensionResponse> {
        const pqxx::result rows = tx.exec_params(R"sql(
SELECT ticket_number, state, unit_id, reason,
  (extract(epoch from requested_due_at) * 1000000)::bigint,
  (extract(epoch from requested_at) * 1000000)::bigint
FROM supervision_extension_requests WHERE id = $1 FOR UPDATE)sql",
                                                 r.request_id());
        if (rows.empty()) return absl::NotFoundError("no such extension request");
        const pqxx::row req = rows[0];
        auto ticket = TicketFor(tx, ctx_, caller, req[0].c_str(), Need::kOffice);
        if (!ticket.ok()) return ticket.status();
        if (req[1].as<int>() != v1::EXTENSION_STATE_PENDING) {
          return absl::FailedPreconditionError("the request was decided already");
        }
        const absl::Time now = ctx_.clock.Now();
        v1::DecideExtensionResponse response;
        v1::ExtensionRequest* e = response.mutable_request();
        e->set_id(r.request_id());
        e->set_ticket_number(ticket->number());
        e->set_unit_id(req[2].c_str());
        e->set_reason(req[3].c_str());
        const absl::Time requested = absl::FromUnixMicros(req[4].as<int64_t>());
        *e->mutable_requested_due_at() = ticketstore::ToTimestamp(requested);
        *e->mutable_requested_at() =
            ticketstore::ToTimestamp(absl::FromUnixMicros(req[5].as<int64_t>()));
        e->set_state(r.approve() ? v1::EXTENSION_STATE_APPROVED : v1::EXTENSION_STATE_REJECTED);
        e->set_decision_reason(r.reason());
        *e->mutable_decided_at() = ticketstore::ToTimestamp(now);
        tx.exec_params0(R"sql(
UPDATE supervision_extension_requests SET state = $2, decision_reason = $3,
  decided_at = 'epoch'::timestamptz + $4 * interval '1 microsecond' WHERE id = $1)sql",
                        r.request_id(), static_cast<int>(e->state()), r.reason(),
                        absl::ToUnixMicros(now));
        v1::ClocksChanged changed;
        if (r.approve()) {
          auto settings = ctx_.settings.Get();
          if (!settings.ok()) return settings.status();
          const ClockEngine engine(**settings);
          for (ClockRow& c : LiveClocks(tx, ticket->id())) {
            if (c.kind != ClockKind::kHandling) continue;
            if (absl::Status s = engine.Extend(c, requested); !s.ok()) return s;
            SaveClock(tx, c);
            *response.mutable_handling() = ClockToProto(c, now);
            *changed.add_clocks() = ClockToProto(c, now);
          }
        }
        v1::ExtensionDecided decided;
        *decided.mutable_request() = *e;
        std::vector<ticketstore::RecordDraft> drafts = {
            {ticket->id(), event_type::kSupervisionExtensionDecided, &decided}};
        if (changed.clocks_size() > 0)
          drafts.push_back({ticket->id(), event_type::kSupervisionClocksChanged, &changed});
        if (absl::Status s = ctx_.tickets.RecordMany(tx, drafts, caller.ToActor()); !s.ok())
          return s;
        return response;
      });
}

}  // namespace hotline::supervision
