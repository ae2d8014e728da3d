#include "services/routing/app/minor_grants.h"

#include <algorithm>
#include <vector>

#include "libs/common/field_violations.h"
#include "libs/service/text_limits.h"
#include "services/routing/app/jurisdiction.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

constexpr int kMaxIdChars = 64;

void CheckTarget(const std::string& ticket_number, const std::string& unit_id,
                 const std::string& reason, std::vector<FieldViolation>& bad) {
  service::CheckFreeText("ticket_number", ticket_number, 40, /*required=*/true, bad);
  service::CheckFreeText("unit_id", unit_id, kMaxIdChars, /*required=*/true, bad);
  service::CheckFreeText("reason", reason, service::kMaxReasonChars, /*required=*/true, bad);
}

// Whether `unit_id` holds a live assignment other than the lead's in the ticket's latest round:
// the only units a grant can concern (the lead sees the details already; others see nothing).
bool HoldsLiveNonLeadAssignment(const AssignmentStore& assignments, Transaction& tx,
                                int64_t ticket_id, const std::string& unit_id) {
  const int round = assignments.RoutingStateOf(tx, ticket_id).round;
  if (round == 0) return false;
  const std::vector<v1::Assignment> latest = assignments.OfRound(tx, ticket_id, round);
  return std::any_of(latest.begin(), latest.end(), [&](const v1::Assignment& a) {
    return a.unit_id() == unit_id && a.role() != common::ASSIGNMENT_ROLE_LEAD &&
           a.state() != common::ASSIGNMENT_STATE_CANCELLED &&
           a.state() != common::ASSIGNMENT_STATE_RETURNED;
  });
}

}  // namespace

absl::StatusOr<GrantOutcome> MinorGrants::Grant(const common::Actor& office,
                                                const GrantCommand& command) {
  std::vector<FieldViolation> bad;
  CheckTarget(command.ticket_number, command.unit_id, command.reason, bad);
  const absl::Time now = clock_.Now();
  if (command.expires_at == absl::InfinitePast()) {
    bad.push_back({"expires_at", "is required"});
  } else if (command.expires_at <= now) {
    bad.push_back({"expires_at", "must lie in the future"});
  } else if (command.expires_at > now + kMaxGrant) {
    bad.push_back({"expires_at", "must lie within 30 days"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));

  return transactions_.RunFor<GrantOutcome>([&](Transaction& tx) -> absl::StatusOr<GrantOutcome> {
    auto ticket = TicketWithin(stores_.tickets, tx, office.jurisdiction(), command.ticket_number);
    if (!ticket.ok()) return ticket.status();
    if (!ticket->flags().involves_minor()) {
      return absl::FailedPreconditionError(
          "the ticket involves no minor: nothing is withheld from its units on that account");
    }
    if (!HoldsLiveNonLeadAssignment(stores_.assignments, tx, ticket->id(), command.unit_id)) {
      return absl::FailedPreconditionError(
          "unit_id holds no live co-handler or notified assignment of the ticket's latest round");
    }
    GrantOutcome outcome;
    outcome.expires_at = command.expires_at;
    outcome.grant_id = grants_.Insert(tx, {ticket->id(), command.unit_id, office.principal(),
                                           command.reason, now, command.expires_at});
    audit_.RecordGrant(tx,
                       {now, outcome.grant_id, ticket->id(), command.unit_id, office.principal(),
                        office.role(), GrantAction::kGrant, command.reason, command.expires_at});
    return outcome;
  });
}

absl::StatusOr<int> MinorGrants::Revoke(const common::Actor& office, const RevokeCommand& command) {
  std::vector<FieldViolation> bad;
  CheckTarget(command.ticket_number, command.unit_id, command.reason, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));

  return transactions_.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
    auto ticket = TicketWithin(stores_.tickets, tx, office.jurisdiction(), command.ticket_number);
    if (!ticket.ok()) return ticket.status();
    const absl::Time now = clock_.Now();
    const std::vector<RevokedGrant> revoked =
        grants_.Revoke(tx, ticket->id(), command.unit_id, now, office.principal());
    if (revoked.empty()) {
      return absl::NotFoundError("no live grant for unit_id on this ticket");
    }
    for (const RevokedGrant& grant : revoked) {
      audit_.RecordGrant(
          tx, {now, grant.id, ticket->id(), command.unit_id, office.principal(), office.role(),
               GrantAction::kRevoke, command.reason, grant.expires_at});
    }
    return static_cast<int>(revoked.size());
  });
}

}  // namespace hotline::routing
