#include "services/intake/duplicate_review.h"

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/transact.h"
#include "services/intake/duplicates.h"
#include "services/intake/ticket_lookup.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

namespace {

absl::Status MayReview(const service::Principal& caller) {
  if (caller.role == common::ROLE_SUPERVISOR) return absl::OkStatus();
  return absl::PermissionDeniedError("duplicates are decided by the hotline office");
}

}  // namespace

absl::StatusOr<v1::ListDuplicateLinksResponse> DuplicateReview::List(
    const service::Principal& caller, const v1::ListDuplicateLinksRequest& request) {
  if (absl::Status allowed = MayReview(caller); !allowed.ok()) return allowed;
  if (request.page_size() < 0 || request.page_size() > 500) {
    return InvalidFields({{"page_size", "must be 0 (default 50) to 500"}});
  }
  const v1::DuplicateLinkState state = request.state() == v1::DUPLICATE_LINK_STATE_UNSPECIFIED
                                           ? v1::DUPLICATE_LINK_STATE_LINKED
                                           : request.state();
  return pg::TransactFor<v1::ListDuplicateLinksResponse>(pool_, [&](pqxx::work& tx) {
    return ListDuplicateLinks(tx, caller.jurisdiction, state,
                              request.page_size() == 0 ? 50 : request.page_size(),
                              request.page_token());
  });
}

absl::Status DuplicateReview::Merge(const service::Principal& caller,
                                    const v1::MergeTicketsRequest& request) {
  if (absl::Status allowed = MayReview(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> violations;
  if (request.duplicate_ticket_number().empty()) {
    violations.push_back({"duplicate_ticket_number", "is required"});
  }
  if (request.surviving_ticket_number().empty()) {
    violations.push_back({"surviving_ticket_number", "is required"});
  }
  if (violations.empty() &&
      request.duplicate_ticket_number() == request.surviving_ticket_number()) {
    violations.push_back({"surviving_ticket_number", "must differ from the duplicate"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));
  return pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    auto duplicate = TicketInJurisdiction(tx, tickets_, caller, request.duplicate_ticket_number());
    if (!duplicate.ok()) return duplicate.status();
    auto survivor = TicketInJurisdiction(tx, tickets_, caller, request.surviving_ticket_number());
    if (!survivor.ok()) return survivor.status();
    auto merged = tickets_.Apply(tx, duplicate->id(), 0, domain::TicketAction::kMerge,
                                 caller.ToActor(), {"intake.merged", ""});
    if (!merged.ok()) return merged.status();
    DecideDuplicateLink(tx, duplicate->id(), survivor->id(), v1::DUPLICATE_LINK_STATE_MERGED,
                        caller.name, clock_.Now());
    v1::TicketMerged payload;
    payload.set_surviving_ticket_number(survivor->number());
    return tickets_
        .Record(tx, duplicate->id(), merged->version(), event_type::kIntakeMerged, payload,
                caller.ToActor())
        .status();
  });
}

absl::Status DuplicateReview::Unlink(const service::Principal& caller,
                                     const v1::UnlinkDuplicateRequest& request) {
  if (absl::Status allowed = MayReview(caller); !allowed.ok()) return allowed;
  if (request.ticket_number().empty()) return InvalidFields({{"ticket_number", "is required"}});
  return pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    auto ticket = TicketInJurisdiction(tx, tickets_, caller, request.ticket_number());
    if (!ticket.ok()) return ticket.status();
    auto link = LockDuplicateLink(tx, ticket->id());
    if (!link || link->state != v1::DUPLICATE_LINK_STATE_LINKED) {
      return absl::FailedPreconditionError(
          absl::StrCat("ticket ", ticket->number(), " is not flagged as a possible duplicate"));
    }
    DecideDuplicateLink(tx, ticket->id(), link->earlier_ticket_id,
                        v1::DUPLICATE_LINK_STATE_UNLINKED, caller.name, clock_.Now());
    auto earlier = tickets_.Get(tx, link->earlier_ticket_id);
    if (!earlier.ok()) return earlier.status();
    v1::DuplicateUnlinked payload;
    payload.set_earlier_ticket_number(earlier->number());
    return tickets_
        .Record(tx, ticket->id(), 0, event_type::kIntakeDuplicateUnlinked, payload,
                caller.ToActor())
        .status();
  });
}

}  // namespace hotline::intake
