#include "services/routing/app/unit_workflow.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/utf8.h"
#include "libs/domain/event_types.h"
#include "libs/service/text_limits.h"
#include "services/routing/app/assignment_access.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using domain::AssignmentAction;
using domain::TicketAction;

using service::kMaxReasonChars;
// A unit's reply to the caller may run longer than the caller's own account.
constexpr int kMaxReplyChars = 8000;

// The assignment id and the text, each a violation of its own.
absl::Status CheckCommand(int64_t assignment_id, const char* field, const std::string& text,
                          int max_chars) {
  std::vector<FieldViolation> bad;
  if (assignment_id <= 0) bad.push_back({"assignment_id", "is required"});
  service::CheckFreeText(field, text, max_chars, /*required=*/true, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AssignmentOutcome> UnitWorkflow::SignFor(const common::Actor& unit,
                                                        const SignForCommand& command) {
  if (command.assignment_id <= 0) return InvalidFields({{"assignment_id", "is required"}});
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<AssignmentOutcome>(
      [&](Transaction& tx) -> absl::StatusOr<AssignmentOutcome> {
        absl::StatusOr<AssignmentRecord> rec =
            LockOwnAssignmentFor(stores.assignments, tx, unit.principal(), command.assignment_id,
                                 AssignmentAction::kSign);
        if (!rec.ok()) return rec.status();
        v1::Assignment& a = rec->assignment;
        const absl::Time now = clock_.Now();
        *a.mutable_signed_at() = ToTimestamp(now);
        stores.assignments.Save(tx, a);
        // Signing takes the ticket on: a pending objection is withdrawn.
        if (std::optional<v1::Objection> last = objections_.LatestOf(tx, a.id());
            last && last->state() == v1::OBJECTION_STATE_PENDING) {
          last->set_state(v1::OBJECTION_STATE_WITHDRAWN);
          *last->mutable_decided_at() = ToTimestamp(now);
          last->set_decided_by(unit.principal());
          objections_.Decide(tx, *last);
        }
        v1::AssignmentChanged changed;
        *changed.mutable_assignment() = a;
        // The lead signing moves the ticket; anyone else's signature is only recorded.
        auto ticket =
            a.role() == common::ASSIGNMENT_ROLE_LEAD
                ? stores.tickets.Apply(tx, rec->ticket_id, 0, TicketAction::kSign, unit,
                                       {"routing.signed"},
                                       {{event_type::kRoutingAssignmentChanged, &changed}})
                : stores.tickets.Record(tx, rec->ticket_id, 0,
                                        event_type::kRoutingAssignmentChanged, changed, unit);
        if (!ticket.ok()) return ticket.status();
        return AssignmentOutcome{a, ticket->state(), std::nullopt, std::nullopt};
      });
}

absl::StatusOr<AssignmentOutcome> UnitWorkflow::Return(const common::Actor& unit,
                                                       const ReturnCommand& command) {
  if (auto valid = CheckCommand(command.assignment_id, "reason", command.reason, kMaxReasonChars);
      !valid.ok()) {
    return valid;
  }
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<AssignmentOutcome>(
      [&](Transaction& tx) -> absl::StatusOr<AssignmentOutcome> {
        absl::StatusOr<AssignmentRecord> rec =
            LockOwnAssignment(stores.assignments, tx, unit.principal(), command.assignment_id);
        if (!rec.ok()) return rec.status();
        v1::Assignment& a = rec->assignment;
        v1::Assignment returned = a;
        if (auto legal = MoveAssignment(returned, AssignmentAction::kReturn); !legal.ok()) {
          return legal;
        }
        const absl::Time now = clock_.Now();
        absl::StatusOr<ReturnWindow> window = windows_.Of(tx, a);
        if (!window.ok()) return window.status();
        if (now > window->ends_at) {
          return absl::FailedPreconditionError(absl::StrCat(
              "the return window (", window->working_days,
              " working day(s) after dispatch) ended at ",
              absl::FormatTime(absl::RFC3339_sec, window->ends_at, absl::UTCTimeZone()),
              ": the unit handles the ticket, or asks the hotline office to reassign it"));
        }
        if (a.role() != common::ASSIGNMENT_ROLE_LEAD) {
          // A co-handler's return only drops its own part.
          returned.set_return_reason(command.reason);
          stores.assignments.Save(tx, returned);
          v1::AssignmentChanged changed;
          *changed.mutable_assignment() = returned;
          auto ticket = stores.tickets.Record(tx, rec->ticket_id, 0,
                                              event_type::kRoutingAssignmentChanged, changed, unit);
          if (!ticket.ok()) return ticket.status();
          return AssignmentOutcome{returned, ticket->state(), std::nullopt, std::nullopt};
        }
        if (objections_.IsDesignated(tx, rec->ticket_id, a.round(), a.unit_id())) {
          return absl::FailedPreconditionError(
              "the hotline office designated this unit (指定) after failed dispatches: it "
              "cannot return the ticket");
        }
        if (std::optional<v1::Objection> last = objections_.LatestOf(tx, a.id())) {
          if (last->state() == v1::OBJECTION_STATE_PENDING) {
            return absl::FailedPreconditionError(
                "an objection to this dispatch already waits for the hotline office");
          }
          if (last->state() == v1::OBJECTION_STATE_REJECTED) {
            return absl::FailedPreconditionError(
                "the hotline office rejected the objection to this dispatch: the unit must "
                "handle the ticket");
          }
        }
        v1::Objection o;
        o.set_ticket_number(a.ticket_number());
        o.set_assignment_id(a.id());
        o.set_unit_id(a.unit_id());
        o.set_round(a.round());
        o.set_reason(command.reason);
        o.set_category(a.category());
        o.set_region_code(a.region_code());
        o.set_urgency(a.urgency());
        *o.mutable_dispatched_at() = a.dispatched_at();
        *o.mutable_raised_at() = ToTimestamp(now);
        *o.mutable_window_ends_at() = ToTimestamp(window->ends_at);
        o.set_failed_dispatches(objections_.UpheldCount(tx, rec->ticket_id));
        o = objections_.Insert(tx, rec->ticket_id, o);
        v1::ObjectionRaised raised;
        raised.set_objection_id(o.id());
        raised.set_assignment_id(a.id());
        raised.set_unit_id(a.unit_id());
        raised.set_round(a.round());
        *raised.mutable_window_ends_at() = o.window_ends_at();
        auto ticket = stores.tickets.Record(tx, rec->ticket_id, 0,
                                            event_type::kRoutingObjectionRaised, raised, unit);
        if (!ticket.ok()) return ticket.status();
        return AssignmentOutcome{a, ticket->state(), std::nullopt, std::move(o)};
      });
}

absl::StatusOr<AssignmentOutcome> UnitWorkflow::Reply(const common::Actor& unit,
                                                      const ReplyCommand& command) {
  if (auto valid = CheckCommand(command.assignment_id, "content", command.content, kMaxReplyChars);
      !valid.ok()) {
    return valid;
  }
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<AssignmentOutcome>([&](Transaction& tx)
                                                     -> absl::StatusOr<AssignmentOutcome> {
    absl::StatusOr<AssignmentRecord> rec = LockOwnAssignmentFor(
        stores.assignments, tx, unit.principal(), command.assignment_id, AssignmentAction::kReply);
    if (!rec.ok()) return rec.status();
    v1::Assignment& a = rec->assignment;
    const absl::Time now = clock_.Now();
    a.set_reply(command.content);
    *a.mutable_replied_at() = ToTimestamp(now);

    v1::TicketReplied replied;
    if (a.role() == common::ASSIGNMENT_ROLE_LEAD) {
      std::vector<std::string> waiting;
      for (const v1::Assignment& co : stores.assignments.OfRound(tx, rec->ticket_id, a.round())) {
        if (co.role() != common::ASSIGNMENT_ROLE_CO_HANDLER) continue;
        if (co.state() == common::ASSIGNMENT_STATE_REPLIED) {
          *replied.add_co_handler_opinions() = co;
          continue;
        }
        const bool open = co.state() == common::ASSIGNMENT_STATE_DISPATCHED ||
                          co.state() == common::ASSIGNMENT_STATE_SIGNED;
        const bool overdue = co.has_reply_due_at() && FromTimestamp(co.reply_due_at()) <= now;
        if (open && !overdue) waiting.push_back(co.unit_id());
      }
      if (!waiting.empty()) {
        return absl::FailedPreconditionError(
            absl::StrCat("co-handlers have not replied and their reply limit has not passed: ",
                         absl::StrJoin(waiting, ", ")));
      }
    }
    stores.assignments.Save(tx, a);
    v1::AssignmentChanged changed;
    *changed.mutable_assignment() = a;
    replied.set_lead_unit_id(a.unit_id());
    // The lead's reply moves the ticket and carries the co-handlers' opinions.
    auto ticket = a.role() == common::ASSIGNMENT_ROLE_LEAD
                      ? stores.tickets.Apply(tx, rec->ticket_id, 0, TicketAction::kReply, unit,
                                             {"routing.replied"},
                                             {{event_type::kRoutingAssignmentChanged, &changed},
                                              {event_type::kRoutingReplied, &replied}})
                      : stores.tickets.Record(tx, rec->ticket_id, 0,
                                              event_type::kRoutingAssignmentChanged, changed, unit);
    if (!ticket.ok()) return ticket.status();
    return AssignmentOutcome{a, ticket->state(), std::nullopt, std::nullopt};
  });
}

absl::StatusOr<RecordedContact> UnitWorkflow::RecordCallerContact(
    const common::Actor& unit, const CallerContactCommand& command) {
  std::vector<FieldViolation> bad;
  if (command.assignment_id <= 0) bad.push_back({"assignment_id", "is required"});
  if (command.means == v1::CONTACT_MEANS_UNSPECIFIED || !v1::ContactMeans_IsValid(command.means)) {
    bad.push_back({"means", "must be PHONE, SMS or VISIT"});
  }
  const absl::Time now = clock_.Now();
  const absl::Time contacted_at = command.contacted_at.value_or(now);
  if (contacted_at > now) bad.push_back({"contacted_at", "is in the future"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  const RoutingStores& stores = dispatcher_.stores();
  return transactions_.RunFor<RecordedContact>(
      [&](Transaction& tx) -> absl::StatusOr<RecordedContact> {
        absl::StatusOr<AssignmentRecord> rec =
            LockOwnAssignment(stores.assignments, tx, unit.principal(), command.assignment_id);
        if (!rec.ok()) return rec.status();
        const v1::Assignment& a = rec->assignment;
        if (a.role() != common::ASSIGNMENT_ROLE_LEAD) {
          return absl::FailedPreconditionError(
              "only the lead unit records contacts with the caller");
        }
        if (a.state() != common::ASSIGNMENT_STATE_DISPATCHED &&
            a.state() != common::ASSIGNMENT_STATE_SIGNED) {
          return absl::FailedPreconditionError(
              absl::StrCat("the assignment is ", common::AssignmentState_Name(a.state()),
                           ", not live: contacts are recorded while it is dispatched or signed"));
        }
        if (a.has_dispatched_at() && contacted_at < FromTimestamp(a.dispatched_at())) {
          return InvalidFields({{"contacted_at", "is before the assignment was dispatched"}});
        }
        RecordedContact recorded =
            stores.assignments.RecordContact(tx, a, command.means, contacted_at, now);
        if (!recorded.first) return recorded;
        // The round's response: reported once, with codes and times only.
        v1::CallerContacted contacted;
        contacted.set_assignment_id(a.id());
        contacted.set_unit_id(a.unit_id());
        contacted.set_round(a.round());
        contacted.set_means(command.means);
        *contacted.mutable_contacted_at() = ToTimestamp(contacted_at);
        *contacted.mutable_dispatched_at() = a.dispatched_at();
        contacted.set_urgency(a.urgency());
        auto ticket = stores.tickets.Record(tx, rec->ticket_id, 0,
                                            event_type::kRoutingCallerContacted, contacted, unit);
        if (!ticket.ok()) return ticket.status();
        return recorded;
      });
}

}  // namespace hotline::routing
