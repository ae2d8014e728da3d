#include "services/intake/app/caller_actions.h"

#include "absl/strings/str_cat.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "services/intake/app/jurisdiction.h"
#include "services/intake/rules/request_validation.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

absl::StatusOr<TicketVersion> CallerActions::AddSupplement(const common::Actor& actor,
                                                           const AddSupplementCommand& command,
                                                           TicketScope scope) {
  std::vector<FieldViolation> violations;
  CheckText("ticket_number", command.ticket_number, 40, /*required=*/true, violations);
  CheckText("content", command.content, kMaxContent, /*required=*/true, violations, "\n\t");
  CheckAttachments(command.attachments, violations);
  if (command.expected_version < 0) {
    violations.push_back({"expected_version", "must be 0 (current) or a version"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  return transactions_.RunFor<TicketVersion>([&](Transaction& tx) -> absl::StatusOr<TicketVersion> {
    auto ticket = ReachTicket(tx, tickets_, actor, scope, command.ticket_number);
    if (!ticket.ok()) return ticket.status();
    // A ticket handled at another instance still takes the caller's additions: they follow it.
    if (!domain::IsOpen(static_cast<domain::TicketState>(ticket->state())) &&
        ticket->state() != common::TICKET_STATE_TRANSFERRED_OUT) {
      return absl::FailedPreconditionError(
          absl::StrCat("ticket ", ticket->number(), " is no longer open"));
    }
    // The caller's words and files stay with the ticket; the event says only that they came.
    v1::SupplementAdded added;
    added.set_attachments(command.attachments.size());
    ticketstore::TicketText text{ticketstore::TicketText::Kind::kSupplement, command.content};
    text.attachments.assign(command.attachments.begin(), command.attachments.end());
    auto updated = tickets_.RecordWithText(tx, ticket->id(), command.expected_version,
                                           event_type::kIntakeSupplementAdded, added, actor, text);
    if (!updated.ok()) return updated.status();
    return TicketVersion{updated->state(), updated->version()};
  });
}

absl::StatusOr<TicketVersion> CallerActions::Withdraw(const common::Actor& actor,
                                                      const WithdrawCommand& command,
                                                      TicketScope scope) {
  std::vector<FieldViolation> violations;
  CheckText("ticket_number", command.ticket_number, 40, /*required=*/true, violations);
  CheckText("reason", command.reason, kMaxReason, /*required=*/true, violations);
  if (command.expected_version < 0) {
    violations.push_back({"expected_version", "must be 0 (current) or a version"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  return transactions_.RunFor<TicketVersion>([&](Transaction& tx) -> absl::StatusOr<TicketVersion> {
    auto ticket = ReachTicket(tx, tickets_, actor, scope, command.ticket_number);
    if (!ticket.ok()) return ticket.status();
    auto withdrawn =
        tickets_.Apply(tx, ticket->id(), command.expected_version, domain::TicketAction::kWithdraw,
                       actor, {"intake.withdrawn"}, {});
    if (!withdrawn.ok()) return withdrawn.status();
    withdrawn = tickets_.RecordWithText(
        tx, ticket->id(), withdrawn->version(), event_type::kIntakeWithdrawn, v1::TicketWithdrawn(),
        actor, {ticketstore::TicketText::Kind::kWithdrawal, command.reason});
    if (!withdrawn.ok()) return withdrawn.status();
    return TicketVersion{withdrawn->state(), withdrawn->version()};
  });
}

}  // namespace hotline::intake
