#include "services/intake/app/duplicate_review.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "services/intake/app/jurisdiction.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

absl::StatusOr<DuplicateLinkPage> DuplicateReview::List(const common::Actor& actor,
                                                        const DuplicateLinkQuery& query) {
  if (query.page_size < 0 || query.page_size > 500) {
    return InvalidFields({{"page_size", "must be 0 (default 50) to 500"}});
  }
  const v1::DuplicateLinkState state = query.state == v1::DUPLICATE_LINK_STATE_UNSPECIFIED
                                           ? v1::DUPLICATE_LINK_STATE_LINKED
                                           : query.state;
  const int page_size = query.page_size == 0 ? 50 : query.page_size;
  return transactions_.RunFor<DuplicateLinkPage>(
      [&](Transaction& tx) -> absl::StatusOr<DuplicateLinkPage> {
        // The token is "<linked_at micros>:<ticket id>" of the last link of the previous page.
        int64_t after_micros = 0, after_id = 0;  // from the start
        if (!query.page_token.empty()) {
          std::vector<std::string> parts = absl::StrSplit(query.page_token, ':');
          if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &after_micros) ||
              !absl::SimpleAtoi(parts[1], &after_id)) {
            return absl::InvalidArgumentError("page_token is not one this service gave out");
          }
        }
        DuplicateLinkPage page;
        std::vector<DuplicateLinkListing> listed =
            links_.List(tx, actor.jurisdiction(), state, absl::FromUnixMicros(after_micros),
                        after_id, page_size);
        for (DuplicateLinkListing& listing : listed) page.links.push_back(std::move(listing.link));
        if (static_cast<int>(listed.size()) == page_size) {
          const DuplicateLinkListing& last = listed.back();
          page.next_page_token =
              absl::StrCat(absl::ToUnixMicros(last.linked_at), ":", last.ticket_id);
        }
        return page;
      });
}

absl::Status DuplicateReview::Merge(const common::Actor& actor,
                                    const std::string& duplicate_ticket_number,
                                    const std::string& surviving_ticket_number) {
  std::vector<FieldViolation> violations;
  if (duplicate_ticket_number.empty()) {
    violations.push_back({"duplicate_ticket_number", "is required"});
  }
  if (surviving_ticket_number.empty()) {
    violations.push_back({"surviving_ticket_number", "is required"});
  }
  if (violations.empty() && duplicate_ticket_number == surviving_ticket_number) {
    violations.push_back({"surviving_ticket_number", "must differ from the duplicate"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));
  return transactions_.Run([&](Transaction& tx) -> absl::Status {
    auto duplicate =
        TicketInJurisdiction(tx, tickets_, actor.jurisdiction(), duplicate_ticket_number);
    if (!duplicate.ok()) return duplicate.status();
    auto survivor =
        TicketInJurisdiction(tx, tickets_, actor.jurisdiction(), surviving_ticket_number);
    if (!survivor.ok()) return survivor.status();
    auto merged = tickets_.Apply(tx, duplicate->id(), 0, domain::TicketAction::kMerge, actor,
                                 {"intake.merged"}, {});
    if (!merged.ok()) return merged.status();
    links_.Decide(tx, duplicate->id(), survivor->id(), v1::DUPLICATE_LINK_STATE_MERGED,
                  actor.principal(), clock_.Now());
    v1::TicketMerged payload;
    payload.set_surviving_ticket_number(survivor->number());
    return tickets_
        .Record(tx, duplicate->id(), merged->version(), event_type::kIntakeMerged, payload, actor)
        .status();
  });
}

absl::Status DuplicateReview::Unlink(const common::Actor& actor, const std::string& ticket_number) {
  if (ticket_number.empty()) return InvalidFields({{"ticket_number", "is required"}});
  return transactions_.Run([&](Transaction& tx) -> absl::Status {
    auto ticket = TicketInJurisdiction(tx, tickets_, actor.jurisdiction(), ticket_number);
    if (!ticket.ok()) return ticket.status();
    auto link = links_.Lock(tx, ticket->id());
    if (!link || link->state != v1::DUPLICATE_LINK_STATE_LINKED) {
      return absl::FailedPreconditionError(
          absl::StrCat("ticket ", ticket->number(), " is not flagged as a possible duplicate"));
    }
    links_.Decide(tx, ticket->id(), link->earlier_ticket_id, v1::DUPLICATE_LINK_STATE_UNLINKED,
                  actor.principal(), clock_.Now());
    auto earlier = tickets_.Get(tx, link->earlier_ticket_id);
    if (!earlier.ok()) return earlier.status();
    v1::DuplicateUnlinked payload;
    payload.set_earlier_ticket_number(earlier->number());
    return tickets_
        .Record(tx, ticket->id(), 0, event_type::kIntakeDuplicateUnlinked, payload, actor)
        .status();
  });
}

}  // namespace hotline::intake
