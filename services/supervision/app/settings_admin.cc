#include "services/supervision/app/settings_admin.h"

#include <string>

#include "libs/calendar/calendar_text.h"
#include "libs/common/field_violations.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;

void CheckLimit(const v1::Limit& limit, const std::string& field, bool required,
                std::vector<FieldViolation>& bad) {
  if (limit.amount() < 0 || limit.amount() > 24 * 366) {
    bad.push_back({field + ".amount", "must be 0 to 8784"});
  }
  const bool unit_ok =
      limit.unit() >= v1::LIMIT_UNIT_WORKING_HOURS && limit.unit() <= v1::LIMIT_UNIT_CALENDAR_HOURS;
  if (!unit_ok && (required || limit.amount() > 0)) {
    bad.push_back({field + ".unit", "must be WORKING_HOURS, WORKING_DAYS or CALENDAR_HOURS"});
  }
}

absl::Status CheckPolicy(const v1::Policy& p) {
  std::vector<FieldViolation> bad;
  if (!common::TicketKind_IsValid(p.kind())) bad.push_back({"policy.kind", "unknown kind"});
  if (!common::Urgency_IsValid(p.urgency())) bad.push_back({"policy.urgency", "unknown urgency"});
  if (p.calendar().empty()) bad.push_back({"policy.calendar", "is required"});
  CheckLimit(p.sign_for(), "policy.sign_for", false, bad);
  CheckLimit(p.handling(), "policy.handling", true, bad);
  CheckLimit(p.co_reply(), "policy.co_reply", false, bad);
  CheckLimit(p.follow_up(), "policy.follow_up", false, bad);
  if (p.handling().amount() <= 0) bad.push_back({"policy.handling.amount", "must be more than 0"});
  if (p.warning_point() < 0 || p.warning_point() >= 1) {
    bad.push_back({"policy.warning_point", "must be 0 (none) to below 1"});
  }
  if (p.follow_up_attempts() < 0 || p.follow_up_attempts() > 20) {
    bad.push_back({"policy.follow_up_attempts", "must be 0 to 20"});
  }
  if (p.retention().seconds() < 0) bad.push_back({"policy.retention", "must not be negative"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::Calendar> SettingsAdmin::UpsertCalendar(const v1::Calendar& calendar) {
  absl::StatusOr<calendar::CalendarSpec> spec = calendar::ParseCalendarSpec(calendar.text());
  if (!spec.ok()) {
    return InvalidFields({{"calendar.text", std::string(spec.status().message())}});
  }
  if (auto built = calendar::BusinessCalendar::Create(*spec); !built.ok()) {
    return InvalidFields({{"calendar.text", std::string(built.status().message())}});
  }
  if (!calendar.code().empty() && calendar.code() != spec->code) {
    return InvalidFields({{"calendar.code", "differs from the code line of the text"}});
  }
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    store_.PutCalendar(tx, spec->code, calendar.text());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache_.Invalidate();
  v1::Calendar stored;
  stored.set_code(spec->code);
  stored.set_text(calendar.text());
  return stored;
}

absl::StatusOr<v1::Calendar> SettingsAdmin::GetCalendar(const std::string& code) {
  if (code.empty()) return InvalidFields({{"code", "is required"}});
  return transactions_.RunFor<v1::Calendar>([&](Transaction& tx) -> absl::StatusOr<v1::Calendar> {
    std::optional<std::string> text = store_.CalendarText(tx, code);
    if (!text) return absl::NotFoundError("no such calendar");
    v1::Calendar calendar;
    calendar.set_code(code);
    calendar.set_text(*std::move(text));
    return calendar;
  });
}

absl::StatusOr<v1::Policy> SettingsAdmin::UpsertPolicy(const v1::Policy& p) {
  if (absl::Status s = CheckPolicy(p); !s.ok()) return s;
  auto stored =
      transactions_.RunFor<v1::Policy>([&](Transaction& tx) -> absl::StatusOr<v1::Policy> {
        if (!store_.CalendarText(tx, p.calendar())) {
          return InvalidFields({{"policy.calendar", "no such calendar"}});
        }
        if (p.id() <= 0) return store_.InsertPolicy(tx, p);
        std::optional<v1::Policy> updated = store_.UpdatePolicy(tx, p);
        if (!updated) return absl::NotFoundError("no policy with this id");
        return *std::move(updated);
      });
  if (stored.ok()) cache_.Invalidate();
  return stored;
}

absl::StatusOr<std::vector<v1::Policy>> SettingsAdmin::ListPolicies() {
  return transactions_.RunFor<std::vector<v1::Policy>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::Policy>> {
        return store_.Policies(tx);
      });
}

absl::StatusOr<v1::EscalationRung> SettingsAdmin::UpsertRung(const v1::EscalationRung& rung) {
  std::vector<FieldViolation> bad;
  if (rung.step() != v1::ESCALATION_STEP_URGING && rung.step() != v1::ESCALATION_STEP_ESCALATION) {
    bad.push_back({"rung.step",
                   "URGING or ESCALATION (the warning follows the policy's warning "
                   "point, the overdue notice the due time)"});
  }
  CheckLimit(rung.after_due(), "rung.after_due", true, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    store_.PutRung(tx, rung);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache_.Invalidate();
  return rung;
}

absl::StatusOr<std::vector<v1::EscalationRung>> SettingsAdmin::ListRungs() {
  return transactions_.RunFor<std::vector<v1::EscalationRung>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::EscalationRung>> {
        return store_.Rungs(tx);
      });
}

}  // namespace hotline::supervision
