#include "services/intake/app/ticket_lookup.h"

#include <map>

#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/service/ticket_reach.h"
#include "services/intake/rules/deadlines_view.h"
#include "services/intake/rules/handling_units.h"
#include "services/intake/rules/timeline.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

absl::StatusOr<TicketDetails> TicketLookup::Get(const common::Actor& reader, ReadAccess access,
                                                const std::string& ticket_number) {
  if (ticket_number.empty()) return InvalidFields({{"ticket_number", "is required"}});
  return transactions_.RunFor<TicketDetails>([&](Transaction& tx) -> absl::StatusOr<TicketDetails> {
    // Whoever took a ticket reads it back wherever it lies (an out-of-area call is transferred);
    // others read it within their jurisdiction.
    auto ticket = tickets_.GetByNumber(tx, ticket_number);
    const std::vector<common::EventEnvelope> history =
        ticket.ok() ? tickets_.History(tx, ticket->id()) : std::vector<common::EventEnvelope>{};
    const bool taken = service::TakenBy(history, reader);
    if (absl::Status reach = service::ReachOr(
            ticket.status(),
            taken || (ticket.ok() && service::TicketWithin(reader.jurisdiction(), *ticket)),
            "ticket");
        !reach.ok()) {
      return reach;
    }
    const bool taken_recently =
        taken && clock_.Now() - FromTimestamp(ticket->created_at()) <= taker_full_view_;
    const TicketView view = ViewOf(access, *ticket, taken_recently);

    TicketDetails details;
    details.handling_units = CurrentHandlingUnits(history);
    details.deadlines = CurrentDeadlines(history);
    details.transferred_to = TransferredToOf(history);
    std::vector<ticketstore::TicketText> texts = tickets_.Texts(tx, ticket->id());
    // A remote reply's text belongs to the entry of the event that has its version.
    std::map<int64_t, std::string> remote_replies;
    for (ticketstore::TicketText& text : texts) {
      if (text.kind != ticketstore::TicketText::Kind::kRemoteReply) continue;
      if (view == TicketView::kFull) remote_replies[text.ticket_version] = std::move(text.body);
    }
    common::TicketState state = common::TICKET_STATE_UNSPECIFIED;
    for (const common::EventEnvelope& event : history) {
      v1::TimelineEntry& entry = details.timeline.emplace_back(TimelineEntryOf(event, state));
      auto reply = remote_replies.find(event.ticket_version());
      if (reply != remote_replies.end() && event.type() == event_type::kTransferRemoteUpdate) {
        entry.set_remote_reply(reply->second);
      }
    }
    for (ticketstore::TicketText& text : texts) {
      if (text.kind != ticketstore::TicketText::Kind::kSupplement) continue;
      v1::Supplement& s = details.supplements.emplace_back();
      *s.mutable_at() = ToTimestamp(text.written_at);
      if (view == TicketView::kFull) {
        s.set_content(std::move(text.body));
        for (common::AttachmentRef& a : text.attachments) *s.add_attachments() = std::move(a);
      }
    }
    details.referred_to = records_.ReferralLines(tx, ticket->id());
    for (const LinkedTicket& link : links_.LinksOf(tx, ticket->id())) {
      if (link.state == v1::DUPLICATE_LINK_STATE_LINKED) {
        details.possible_duplicate_of = link.earlier_number;
      }
      if (link.state == v1::DUPLICATE_LINK_STATE_MERGED) details.merged_into = link.earlier_number;
    }
    if (view == TicketView::kFull) {
      UnmaskedRead read{ticket->id(), clock_.Now(), PersonalFieldsOf(*ticket),
                        access == ReadAccess::kFull ? "office" : "took the ticket"};
      if (!details.supplements.empty()) read.fields.push_back("supplements");
      if (!remote_replies.empty()) read.fields.push_back("remote_reply");
      records_.AuditRead(tx, reader, read);
    } else {
      MaskPersonalData(*ticket);
    }
    details.masked = view != TicketView::kFull;
    details.ticket = *std::move(ticket);
    return details;
  });
}

}  // namespace hotline::intake
