#include "services/intake/ticket_lookup.h"

#include <pqxx/binarystring>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "libs/domain/region_code.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/intake/deadlines_view.h"
#include "services/intake/handling_units.h"
#include "services/intake/ticket_access.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

namespace {

constexpr char kSelectReferrals[] =
    "SELECT line FROM intake_emergency_referrals WHERE ticket_id = $1 ORDER BY line";
constexpr char kSelectLinks[] = R"sql(
SELECT l.state, e.number FROM intake_duplicate_links l JOIN tickets e ON e.id = l.earlier_ticket_id
WHERE l.ticket_id = $1)sql";
constexpr char kInsertAudit[] = R"sql(
INSERT INTO intake_audit_reads (read_at, ticket_id, principal, role, method)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, 'GetTicket'))sql";

// The timeline entry of one event: who, what, when — not the payload's internals.
v1::TimelineEntry EntryOf(const common::EventEnvelope& event, common::TicketState* state) {
  v1::TimelineEntry entry;
  *entry.mutable_at() = event.occurred_at();
  entry.set_type(event.type());
  entry.set_actor_role(event.actor().role());
  entry.set_actor(event.actor().principal());
  common::TicketStateChanged changed;
  if (event.type() == event_type::kTicketCreated) {
    *state = common::TICKET_STATE_RECEIVED;
  } else if (event.payload().UnpackTo(&changed) &&
             event.type() == event_type::kTicketStateChanged) {
    *state = changed.to();
    entry.set_reason_code(changed.reason_code());
  }
  entry.set_state_after(*state);
  return entry;
}

}  // namespace

absl::StatusOr<common::Ticket> TicketInJurisdiction(pqxx::transaction_base& tx,
                                                    const ticketstore::PgTicketStore& tickets,
                                                    const service::Principal& caller,
                                                    const std::string& number) {
  absl::StatusOr<common::Ticket> ticket = tickets.GetByNumber(tx, number);
  if (!ticket.ok()) return ticket.status();
  auto region = domain::RegionCode::Parse(ticket->region().code());
  if (!region.ok() || !domain::InJurisdiction(caller.jurisdiction, *region)) {
    return absl::PermissionDeniedError("the ticket is outside this credential's area");
  }
  return ticket;
}

absl::StatusOr<v1::GetTicketResponse> TicketLookup::Get(const service::Principal& caller,
                                                        const v1::GetTicketRequest& request) {
  if (request.ticket_number().empty()) {
    return InvalidFields({{"ticket_number", "is required"}});
  }
  return pg::TransactFor<v1::GetTicketResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::GetTicketResponse> {
        auto ticket = TicketInJurisdiction(tx, tickets_, caller, request.ticket_number());
        if (!ticket.ok()) return ticket.status();
        absl::StatusOr<TicketView> view = ViewFor(caller, *ticket);
        if (!view.ok()) return view.status();

        v1::GetTicketResponse response;
        common::TicketState state = common::TICKET_STATE_UNSPECIFIED;
        const std::vector<common::EventEnvelope> history = tickets_.History(tx, ticket->id());
        for (const v1::HandlingUnit& unit : CurrentHandlingUnits(history)) {
          *response.add_handling_units() = unit;
        }
        for (const v1::Deadline& deadline : CurrentDeadlines(history)) {
          *response.add_deadlines() = deadline;
        }
        for (const common::EventEnvelope& event : history) {
          *response.add_timeline() = EntryOf(event, &state);
          v1::SupplementAdded supplement;
          if (event.type() == event_type::kIntakeSupplementAdded &&
              event.payload().UnpackTo(&supplement)) {
            v1::Supplement* s = response.add_supplements();
            *s->mutable_at() = event.occurred_at();
            if (*view == TicketView::kFull) {
              s->set_content(supplement.content());
              *s->mutable_attachments() = supplement.attachments();
            }
          }
        }
        for (const auto& row : tx.exec_params(kSelectReferrals, ticket->id())) {
          response.add_referred_to(static_cast<v1::EmergencyLine>(row[0].as<int>()));
        }
        for (const auto& row : tx.exec_params(kSelectLinks, ticket->id())) {
          const auto link = static_cast<v1::DuplicateLinkState>(row[0].as<int>());
          if (link == v1::DUPLICATE_LINK_STATE_LINKED) {
            response.set_possible_duplicate_of(row[1].as<std::string>());
          }
          if (link == v1::DUPLICATE_LINK_STATE_MERGED) {
            response.set_merged_into(row[1].as<std::string>());
          }
        }
        if (*view == TicketView::kFull) {
          tx.exec_params(kInsertAudit, absl::ToUnixMicros(clock_.Now()), ticket->id(), caller.name,
                         static_cast<int>(caller.role));
        } else {
          MaskPersonalData(*ticket);
        }
        response.set_masked(*view != TicketView::kFull);
        *response.mutable_ticket() = *std::move(ticket);
        return response;
      });
}

}  // namespace hotline::intake
