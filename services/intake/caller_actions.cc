#include "services/intake/caller_actions.h"

#include "absl/strings/str_cat.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/transact.h"
#include "services/intake/request_validation.h"
#include "services/intake/ticket_lookup.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

namespace {

absl::Status MayAct(const service::Principal& caller) {
  if (caller.role == common::ROLE_FRONTEND || caller.role == common::ROLE_SUPERVISOR) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError("only front-ends and the hotline office act for callers");
}

}  // namespace

absl::StatusOr<v1::AddSupplementResponse> CallerActions::AddSupplement(
    const service::Principal& caller, const v1::AddSupplementRequest& request) {
  if (absl::Status allowed = MayAct(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> violations;
  CheckText("ticket_number", request.ticket_number(), 40, /*required=*/true, violations);
  CheckText("content", request.content(), kMaxContent, /*required=*/true, violations, "\n\t");
  CheckAttachments(request.attachments(), violations);
  if (request.expected_version() < 0) {
    violations.push_back({"expected_version", "must be 0 (current) or a version"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  return pg::TransactFor<v1::AddSupplementResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::AddSupplementResponse> {
        auto ticket = TicketInJurisdiction(tx, tickets_, caller, request.ticket_number());
        if (!ticket.ok()) return ticket.status();
        if (!domain::IsOpen(static_cast<domain::TicketState>(ticket->state()))) {
          return absl::FailedPreconditionError(
              absl::StrCat("ticket ", ticket->number(), " is no longer open"));
        }
        v1::SupplementAdded added;
        added.set_content(request.content());
        *added.mutable_attachments() = request.attachments();
        auto updated = tickets_.Record(tx, ticket->id(), request.expected_version(),
                                       event_type::kIntakeSupplementAdded, added, caller.ToActor());
        if (!updated.ok()) return updated.status();
        v1::AddSupplementResponse response;
        response.set_version(updated->version());
        return response;
      });
}

absl::StatusOr<v1::WithdrawTicketResponse> CallerActions::Withdraw(
    const service::Principal& caller, const v1::WithdrawTicketRequest& request) {
  if (absl::Status allowed = MayAct(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> violations;
  CheckText("ticket_number", request.ticket_number(), 40, /*required=*/true, violations);
  CheckText("reason", request.reason(), kMaxReason, /*required=*/true, violations);
  if (request.expected_version() < 0) {
    violations.push_back({"expected_version", "must be 0 (current) or a version"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  return pg::TransactFor<v1::WithdrawTicketResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::WithdrawTicketResponse> {
        auto ticket = TicketInJurisdiction(tx, tickets_, caller, request.ticket_number());
        if (!ticket.ok()) return ticket.status();
        auto withdrawn = tickets_.Apply(tx, ticket->id(), request.expected_version(),
                                        domain::TicketAction::kWithdraw, caller.ToActor(),
                                        {"intake.withdrawn", ""});
        if (!withdrawn.ok()) return withdrawn.status();
        v1::TicketWithdrawn reason;
        reason.set_reason(request.reason());
        withdrawn = tickets_.Record(tx, ticket->id(), withdrawn->version(),
                                    event_type::kIntakeWithdrawn, reason, caller.ToActor());
        if (!withdrawn.ok()) return withdrawn.status();
        v1::WithdrawTicketResponse response;
        response.set_state(withdrawn->state());
        response.set_version(withdrawn->version());
        return response;
      });
}

}  // namespace hotline::intake
