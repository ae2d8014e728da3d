#include "services/routing/app/unit_inbox.h"

#include "absl/strings/numbers.h"
#include "libs/common/field_violations.h"
#include "libs/domain/ticket_state.h"
#include "libs/service/ticket_reach.h"
#include "services/routing/app/assignment_access.h"
#include "services/routing/app/jurisdiction.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

namespace {

// The personal fields a read shows, for the audit trail.
std::vector<std::string> PersonalFieldsShown(const hotline::common::v1::Ticket& ticket,
                                             const std::vector<std::string>& supplements) {
  std::vector<std::string> fields;
  if (!ticket.caller().name().empty()) fields.push_back("caller.name");
  if (!ticket.caller().phone().empty()) fields.push_back("caller.phone");
  if (!ticket.address().empty()) fields.push_back("address");
  if (!ticket.content().empty()) fields.push_back("content");
  if (!supplements.empty()) fields.push_back("supplements");
  return fields;
}

}  // namespace

absl::StatusOr<InboxPage> UnitInbox::List(const InboxQuery& query) {
  std::vector<FieldViolation> bad;
  if (query.page_size < 0 || query.page_size > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  int64_t before_id = 0;
  if (!query.page_token.empty() &&
      (!absl::SimpleAtoi(query.page_token, &before_id) || before_id <= 0)) {
    bad.push_back({"page_token", "is not a token this service returned"});
  }
  if (!common::AssignmentState_IsValid(query.state)) bad.push_back({"state", "unknown state"});
  if (query.unit_id.empty()) bad.push_back({"unit_id", "is required"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const int limit = query.page_size == 0 ? 50 : query.page_size;
  return transactions_.RunFor<InboxPage>([&](Transaction& tx) -> absl::StatusOr<InboxPage> {
    if (query.within_jurisdiction) {
      std::vector<ActiveUnit> units = stores_.units.Find(tx, {query.unit_id});
      if (units.empty()) return absl::NotFoundError("no such active unit");
      if (auto within = RequireWithin(*query.within_jurisdiction, units[0].region_code, "the unit");
          !within.ok()) {
        return within;
      }
    }
    InboxPage page;
    page.assignments =
        stores_.assignments.ListForUnit(tx, query.unit_id, query.state, before_id, limit + 1);
    const bool more = static_cast<int>(page.assignments.size()) > limit;
    if (more) {
      page.assignments.resize(limit);
      page.next_page_token = std::to_string(page.assignments.back().id());
    }
    return page;
  });
}

absl::StatusOr<AssignedTicket> UnitInbox::GetAssignedTicket(const common::Actor& unit,
                                                            int64_t assignment_id) {
  if (assignment_id <= 0) return InvalidFields({{"assignment_id", "is required"}});
  return transactions_.RunFor<AssignedTicket>(
      [&](Transaction& tx) -> absl::StatusOr<AssignedTicket> {
        absl::StatusOr<AssignmentRecord> rec =
            LockOwnAssignment(stores_.assignments, tx, unit.principal(), assignment_id);
        if (!rec.ok()) return rec.status();
        // Need-to-know: a unit that returned the ticket, or had it withdrawn, reads it no more,
        // and is told no more than if it had never had it.
        if (rec->assignment.state() == common::ASSIGNMENT_STATE_CANCELLED ||
            rec->assignment.state() == common::ASSIGNMENT_STATE_RETURNED) {
          return service::OutOfReach("assignment");
        }
        auto ticket = stores_.tickets.Get(tx, rec->ticket_id);
        if (!ticket.ok()) return ticket.status();
        // A co-handler or a notified unit reads the ticket while its round is the ticket's
        // latest and the ticket is open; the lead keeps the history.
        const bool lead = rec->assignment.role() == common::ASSIGNMENT_ROLE_LEAD;
        if (!lead && (!domain::IsOpen(static_cast<domain::TicketState>(ticket->state())) ||
                      rec->assignment.round() <
                          stores_.assignments.RoutingStateOf(tx, rec->ticket_id).round)) {
          return service::OutOfReach("assignment");
        }
        // On a minor's ticket who called, and where the family lives, go to the lead unit only
        // (the hotline office reads them through intake), or to a unit the office granted them.
        const absl::Time now = clock_.Now();
        const int64_t grant_id = ticket->flags().involves_minor() && !lead
                                     ? grants_.LiveGrant(tx, rec->ticket_id, unit.principal(), now)
                                     : 0;
        const bool minor_withheld = ticket->flags().involves_minor() && !lead && grant_id == 0;
        AssignedTicket read;
        read.caller_withheld = ticket->caller().anonymous() ||
                               ticket->caller().wants_confidentiality() || minor_withheld;
        if (read.caller_withheld) {
          ticket->mutable_caller()->clear_name();
          ticket->mutable_caller()->clear_phone();
        }
        if (minor_withheld) ticket->clear_address();
        ticket->clear_idempotency_key();  // the front-end's, not the unit's business
        for (ticketstore::TicketText& text : stores_.tickets.Texts(tx, rec->ticket_id)) {
          if (text.kind == ticketstore::TicketText::Kind::kSupplement) {
            read.supplements.push_back(std::move(text.body));
          }
        }
        audit_.RecordRead(tx, {now, rec->ticket_id, assignment_id, unit.principal(),
                               read.caller_withheld, read.caller_withheld ? 0 : grant_id,
                               PersonalFieldsShown(*ticket, read.supplements)});
        read.assignment = std::move(rec->assignment);
        read.ticket = *std::move(ticket);
        return read;
      });
}

}  // namespace hotline::routing
