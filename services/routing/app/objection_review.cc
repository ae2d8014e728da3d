#include "services/routing/app/objection_review.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/service/text_limits.h"
#include "libs/service/ticket_reach.h"
#include "services/routing/app/jurisdiction.h"
#include "services/routing/app/lead_return.h"
#include "services/routing/rules/objection_rules.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

std::string EncodeCursor(const v1::Objection& o) {
  return absl::StrCat(absl::ToUnixMicros(FromTimestamp(o.raised_at())), ".", o.id());
}

std::optional<ObjectionCursor> DecodeCursor(const std::string& token) {
  std::vector<std::string> parts = absl::StrSplit(token, '.');
  ObjectionCursor c;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &c.raised_at_micros) ||
      !absl::SimpleAtoi(parts[1], &c.id)) {
    return std::nullopt;
  }
  return c;
}

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The narrower of the office's jurisdiction and the requested prefix; nullopt when they do not
// overlap.
std::optional<std::string> RegionWithin(const std::string& jurisdiction,
                                        const std::string& requested) {
  if (absl::StartsWith(jurisdiction, requested)) return jurisdiction;
  if (absl::StartsWith(requested, jurisdiction)) return requested;
  return std::nullopt;
}

// A category code or a parent of one: lower-case words joined by '-' and '/'.
bool ValidCategoryPrefix(absl::string_view p) {
  if (p.empty()) return true;
  if (p.front() == '/' || p.back() == '/' || absl::StrContains(p, "//")) return false;
  for (char c : p) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-' && c != '/') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<ObjectionPage> ObjectionReview::List(const common::Actor& office,
                                                    const ObjectionQuery& query) {
  std::vector<FieldViolation> bad;
  if (query.page_size < 0 || query.page_size > 500) {
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  }
  std::optional<ObjectionCursor> after;
  if (!query.page_token.empty()) {
    after = DecodeCursor(query.page_token);
    if (!after) bad.push_back({"page_token", "is not a token this service returned"});
  }
  ObjectionFilter filter = query.filter;
  std::optional<std::string> region;
  if (!AllDigits(filter.region_prefix)) {
    bad.push_back({"region_prefix", "must be digits of a division code"});
  } else if (!(region = RegionWithin(office.jurisdiction(), filter.region_prefix))) {
    bad.push_back({"region_prefix", absl::StrCat("must lie within the caller's jurisdiction ",
                                                 office.jurisdiction())});
  }
  if (!ValidCategoryPrefix(filter.category_prefix)) {
    bad.push_back({"category_prefix", "must be a category code or a parent of one"});
  }
  if (filter.urgency != 0 && !common::Urgency_IsValid(filter.urgency)) {
    bad.push_back({"urgency", "is not an urgency"});
  }
  if (query.min_age && *query.min_age < absl::ZeroDuration()) {
    bad.push_back({"min_age", "must not be negative"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  filter.region_prefix = *region;
  if (query.min_age) filter.raised_before = clock_.Now() - *query.min_age;
  const int limit = query.page_size == 0 ? 50 : query.page_size;
  return transactions_.RunFor<ObjectionPage>([&](Transaction& tx) -> absl::StatusOr<ObjectionPage> {
    ObjectionPage page;
    page.objections = objections_.ListPending(tx, filter, after, limit + 1);
    if (static_cast<int>(page.objections.size()) > limit) {
      page.objections.resize(limit);
      page.next_page_token = EncodeCursor(page.objections.back());
    }
    page.total = objections_.CountPending(tx, filter);
    return page;
  });
}

absl::StatusOr<ObjectionOutcome> ObjectionReview::Decide(const common::Actor& office,
                                                         const DecideObjectionCommand& command) {
  std::vector<FieldViolation> bad;
  if (command.objection_id <= 0) bad.push_back({"objection_id", "is required"});
  if (command.decision != v1::OBJECTION_DECISION_UPHOLD &&
      command.decision != v1::OBJECTION_DECISION_REJECT) {
    bad.push_back({"decision", "must be UPHOLD or REJECT"});
  }
  service::CheckFreeText("reason", command.reason, service::kMaxReasonChars, /*required=*/true,
                         bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<ObjectionOutcome>(
      [&](Transaction& tx) -> absl::StatusOr<ObjectionOutcome> {
        absl::StatusOr<ObjectionRecord> rec = objections_.Lock(tx, command.objection_id);
        // Another office's objection is refused as if it did not exist.
        if (absl::Status reach = service::ReachOr(
                rec.status(),
                rec.ok() &&
                    RequireWithin(office.jurisdiction(), rec->objection.region_code(), "objection")
                        .ok(),
                "objection");
            !reach.ok()) {
          return reach;
        }
        v1::Objection& o = rec->objection;
        if (o.state() != v1::OBJECTION_STATE_PENDING) {
          return absl::FailedPreconditionError(
              absl::StrCat("objection ", o.id(), " is ",
                           v1::ObjectionState_Name(o.state()).substr(16), ", not pending"));
        }
        absl::StatusOr<AssignmentRecord> assignment =
            stores.assignments.Lock(tx, o.assignment_id());
        if (!assignment.ok()) return assignment.status();
        if (assignment->assignment.state() != common::ASSIGNMENT_STATE_DISPATCHED) {
          return absl::FailedPreconditionError(
              "the unit's part is no longer waiting: it was signed for, reassigned or withdrawn");
        }
        const bool uphold = command.decision == v1::OBJECTION_DECISION_UPHOLD;
        const int failed = objections_.UpheldCount(tx, rec->ticket_id) + (uphold ? 1 : 0);
        o.set_state(uphold ? v1::OBJECTION_STATE_UPHELD : v1::OBJECTION_STATE_REJECTED);
        *o.mutable_decided_at() = ToTimestamp(clock_.Now());
        o.set_decided_by(office.principal());
        o.set_decision_reason(command.reason);
        o.set_failed_dispatches(failed);
        objections_.Decide(tx, o);
        v1::ObjectionDecided decided;
        decided.set_objection_id(o.id());
        decided.set_assignment_id(o.assignment_id());
        decided.set_unit_id(o.unit_id());
        decided.set_round(o.round());
        decided.set_state(o.state());
        decided.set_failed_dispatches(failed);
        auto ticket = stores.tickets.Record(tx, rec->ticket_id, 0,
                                            event_type::kRoutingObjectionDecided, decided, office);
        if (!ticket.ok()) return ticket.status();
        ObjectionOutcome outcome{o, ticket->state(), std::nullopt};
        if (!uphold) return outcome;  // the unit's part stays live: it must handle the ticket
        auto routed = ReturnLeadAndRoute(tx, dispatcher_, rec->ticket_id, assignment->assignment,
                                         o.reason(), office, DesignationDue(failed));
        if (!routed.ok()) return routed.status();
        outcome.decision = *std::move(routed);
        ticket = stores.tickets.Get(tx, rec->ticket_id);
        if (!ticket.ok()) return ticket.status();
        outcome.ticket_state = ticket->state();
        return outcome;
      });
}

absl::StatusOr<DispatchOutcome> ObjectionReview::Designate(const common::Actor& office,
                                                           const DesignateCommand& command) {
  std::vector<FieldViolation> bad;
  if (command.ticket_number.empty()) bad.push_back({"ticket_number", "is required"});
  service::CheckFreeText("reason", command.reason, service::kMaxReasonChars, /*required=*/true,
                         bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<DispatchOutcome>([&](Transaction& tx)
                                                   -> absl::StatusOr<DispatchOutcome> {
    auto ticket = TicketWithin(stores.tickets, tx, office.jurisdiction(), command.ticket_number);
    if (!ticket.ok()) return ticket.status();
    if (ticket->state() != common::TICKET_STATE_PENDING_DISPATCH) {
      return absl::FailedPreconditionError(absl::StrCat(
          "ticket ", ticket->number(), " is ", common::TicketState_Name(ticket->state()).substr(13),
          ": a unit is designated for a ticket waiting for dispatch"));
    }
    const int failed = objections_.UpheldCount(tx, ticket->id());
    if (!DesignationDue(failed)) {
      return absl::FailedPreconditionError(
          absl::StrCat("ticket ", ticket->number(), " has ", failed,
                       " failed dispatch(es): the office "
                       "designates a unit after ",
                       kFailedDispatchesBeforeDesignation, "; dispatch it with DispatchManually"));
    }
    auto units = CheckNamedUnits(stores.units, tx, office.jurisdiction(),
                                 dispatcher_.jurisdiction(), {command.unit_id, {}}, "unit_id");
    if (!units.ok()) return units.status();
    v1::RoutingDecision decision;
    decision.set_outcome(v1::DECISION_OUTCOME_DISPATCHED);
    decision.set_reason_code("routing.designated");
    decision.set_reason(absl::StrCat("designated by the hotline office (指定) after ", failed,
                                     " failed dispatches: ", command.reason));
    decision.set_trigger("designated");
    const TicketRouting routing = stores.assignments.RoutingStateOf(tx, ticket->id());
    auto assigned = dispatcher_.Assign(tx, *ticket, routing, domain::TicketAction::kDispatch,
                                       *units, decision, office);
    if (!assigned.ok()) return assigned.status();
    const v1::Assignment& lead = assigned->front();
    objections_.Designate(tx, ticket->id(), lead.round(), lead.unit_id(), office.principal(),
                          clock_.Now(), failed);
    v1::UnitDesignated designated;
    designated.set_unit_id(lead.unit_id());
    designated.set_round(lead.round());
    designated.set_assignment_id(lead.id());
    designated.set_failed_dispatches(failed);
    auto recorded = stores.tickets.Record(tx, ticket->id(), 0, event_type::kRoutingUnitDesignated,
                                          designated, office);
    if (!recorded.ok()) return recorded.status();
    return DispatchOutcome{*std::move(assigned)};
  });
}

absl::StatusOr<ObjectionWindowRule> ObjectionReview::SetWindow(const ObjectionWindowRule& rule) {
  std::vector<FieldViolation> bad;
  if (!ValidCategoryPrefix(rule.category_prefix)) {
    bad.push_back({"window.category_prefix", "must be \"\" or a category code or a parent of one"});
  }
  if (rule.working_days < 0 || rule.working_days > 10) {
    bad.push_back({"window.working_days", "must be 0 to 10"});
  }
  if (rule.calendar.empty()) bad.push_back({"window.calendar", "is required"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return transactions_.RunFor<ObjectionWindowRule>(
      [&](Transaction& tx) -> absl::StatusOr<ObjectionWindowRule> {
        if (!calendars_.Get(tx, rule.calendar).ok()) {
          return InvalidFields({{"window.calendar", "no calendar with this code"}});
        }
        objections_.SetWindow(tx, rule);
        return rule;
      });
}

absl::StatusOr<std::vector<ObjectionWindowRule>> ObjectionReview::Windows() {
  return transactions_.RunFor<std::vector<ObjectionWindowRule>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<ObjectionWindowRule>> {
        return objections_.Windows(tx);
      });
}

}  // namespace hotline::routing
