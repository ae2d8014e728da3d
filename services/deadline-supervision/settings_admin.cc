#include "services/deadline-supervision/settings_admin.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/calendar/calendar_text.h"
#include "libs/common/field_violations.h"
#include "libs/pg/transact.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;

absl::Status RequireAdmin(const service::Principal& caller) {
  if (caller.role == common::ROLE_ADMIN) return absl::OkStatus();
  return absl::PermissionDeniedError("deadline settings are edited by operators (admin role)");
}

absl::Status RequireReader(const service::Principal& caller) {
  if (caller.role == common::ROLE_ADMIN || caller.role == common::ROLE_SUPERVISOR) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError("for operators and the hotline office");
}

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

v1::Limit ToLimit(const pqxx::field& unit, const pqxx::field& amount) {
  v1::Limit limit;
  limit.set_unit(static_cast<v1::LimitUnit>(unit.as<int>()));
  limit.set_amount(amount.as<double>());
  return limit;
}

int UnitOr(const v1::Limit& limit) {
  return limit.unit() == v1::LIMIT_UNIT_UNSPECIFIED ? v1::LIMIT_UNIT_WORKING_HOURS : limit.unit();
}

constexpr char kPolicyColumns[] = R"sql(id, kind, urgency, category_prefix, priority, calendar,
  sign_for_unit, sign_for_amount, handling_unit, handling_amount, co_reply_unit, co_reply_amount,
  follow_up_unit, follow_up_amount, warning_point, requires_review, suspension_needs_approval,
  follow_up_attempts, extract(epoch from retention)::bigint, active, note)sql";

v1::Policy PolicyFromRow(const pqxx::row& r) {
  v1::Policy p;
  p.set_id(r[0].as<int64_t>());
  p.set_kind(static_cast<common::TicketKind>(r[1].as<int>()));
  p.set_urgency(static_cast<common::Urgency>(r[2].as<int>()));
  p.set_category_prefix(r[3].c_str());
  p.set_priority(r[4].as<int>());
  p.set_calendar(r[5].c_str());
  *p.mutable_sign_for() = ToLimit(r[6], r[7]);
  *p.mutable_handling() = ToLimit(r[8], r[9]);
  *p.mutable_co_reply() = ToLimit(r[10], r[11]);
  *p.mutable_follow_up() = ToLimit(r[12], r[13]);
  p.set_warning_point(r[14].as<double>());
  p.set_requires_review(r[15].as<bool>());
  p.set_suspension_needs_approval(r[16].as<bool>());
  p.set_follow_up_attempts(r[17].as<int>());
  p.mutable_retention()->set_seconds(r[18].as<int64_t>());
  p.set_active(r[19].as<bool>());
  p.set_note(r[20].c_str());
  return p;
}

}  // namespace

absl::StatusOr<v1::UpsertCalendarResponse> SettingsAdmin::UpsertCalendar(
    const service::Principal& caller, const v1::UpsertCalendarRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  absl::StatusOr<calendar::CalendarSpec> spec = calendar::ParseCalendarSpec(r.calendar().text());
  if (!spec.ok()) {
    return InvalidFields({{"calendar.text", std::string(spec.status().message())}});
  }
  if (auto built = calendar::BusinessCalendar::Create(*spec); !built.ok()) {
    return InvalidFields({{"calendar.text", std::string(built.status().message())}});
  }
  if (!r.calendar().code().empty() && r.calendar().code() != spec->code) {
    return InvalidFields({{"calendar.code", "differs from the code line of the text"}});
  }
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    tx.exec_params0(R"sql(
INSERT INTO supervision_calendars (code, body) VALUES ($1, $2)
ON CONFLICT (code) DO UPDATE SET body = excluded.body, updated_at = now())sql",
                    spec->code, r.calendar().text());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache_.Invalidate();
  v1::UpsertCalendarResponse response;
  response.mutable_calendar()->set_code(spec->code);
  response.mutable_calendar()->set_text(r.calendar().text());
  return response;
}

absl::StatusOr<v1::GetCalendarResponse> SettingsAdmin::GetCalendar(
    const service::Principal& caller, const v1::GetCalendarRequest& r) {
  if (auto allowed = RequireReader(caller); !allowed.ok()) return allowed;
  if (r.code().empty()) return InvalidFields({{"code", "is required"}});
  return pg::TransactFor<v1::GetCalendarResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::GetCalendarResponse> {
        const pqxx::result rows =
            tx.exec_params("SELECT body FROM supervision_calendars WHERE code = $1", r.code());
        if (rows.empty()) return absl::NotFoundError("no such calendar");
        v1::GetCalendarResponse response;
        response.mutable_calendar()->set_code(r.code());
        response.mutable_calendar()->set_text(rows[0][0].c_str());
        return response;
      });
}

absl::StatusOr<v1::UpsertPolicyResponse> SettingsAdmin::UpsertPolicy(
    const service::Principal& caller, const v1::UpsertPolicyRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  const v1::Policy& p = r.policy();
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
  auto stored =
      pg::TransactFor<v1::Policy>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Policy> {
        if (tx.exec_params("SELECT 1 FROM supervision_calendars WHERE code = $1", p.calendar())
                .empty()) {
          return InvalidFields({{"policy.calendar", "no such calendar"}});
        }
        const std::string values = R"sql(
  kind = $2, urgency = $3, category_prefix = $4, priority = $5, calendar = $6,
  sign_for_unit = $7, sign_for_amount = $8, handling_unit = $9, handling_amount = $10,
  co_reply_unit = $11, co_reply_amount = $12, follow_up_unit = $13, follow_up_amount = $14,
  warning_point = $15, requires_review = $16, suspension_needs_approval = $17,
  follow_up_attempts = $18, retention = $19::bigint * interval '1 second', active = true, note = $20,
  updated_at = now())sql";
        const std::string sql = p.id() > 0
                                    ? absl::StrCat("UPDATE supervision_policies SET ", values,
                                                   " WHERE id = $1 RETURNING ", kPolicyColumns)
                                    : absl::StrCat(R"sql(
INSERT INTO supervision_policies (kind, urgency, category_prefix, priority, calendar,
  sign_for_unit, sign_for_amount, handling_unit, handling_amount, co_reply_unit, co_reply_amount,
  follow_up_unit, follow_up_amount, warning_point, requires_review, suspension_needs_approval,
  follow_up_attempts, retention, note)
SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
  $19::bigint * interval '1 second', $20 WHERE $1::bigint = 0
ON CONFLICT (kind, urgency, category_prefix, priority) DO UPDATE SET )sql",
                                                   values, " RETURNING ", kPolicyColumns);
        const pqxx::result rows =
            tx.exec_params(sql, p.id(), static_cast<int>(p.kind()), static_cast<int>(p.urgency()),
                           p.category_prefix(), p.priority(), p.calendar(), UnitOr(p.sign_for()),
                           p.sign_for().amount(), UnitOr(p.handling()), p.handling().amount(),
                           UnitOr(p.co_reply()), p.co_reply().amount(), UnitOr(p.follow_up()),
                           p.follow_up().amount(), p.warning_point(), p.requires_review(),
                           p.suspension_needs_approval(), p.follow_up_attempts(),
                           p.retention().seconds(), p.note());
        if (rows.empty()) return absl::NotFoundError("no policy with this id");
        return PolicyFromRow(rows[0]);
      });
  if (!stored.ok()) return stored.status();
  cache_.Invalidate();
  v1::UpsertPolicyResponse response;
  *response.mutable_policy() = *std::move(stored);
  return response;
}

absl::StatusOr<v1::ListPoliciesResponse> SettingsAdmin::ListPolicies(
    const service::Principal& caller) {
  if (auto allowed = RequireReader(caller); !allowed.ok()) return allowed;
  return pg::TransactFor<v1::ListPoliciesResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListPoliciesResponse> {
        v1::ListPoliciesResponse response;
        for (const pqxx::row& row : tx.exec(absl::StrCat(
                 "SELECT ", kPolicyColumns, " FROM supervision_policies ORDER BY id"))) {
          *response.add_policies() = PolicyFromRow(row);
        }
        return response;
      });
}

absl::StatusOr<v1::UpsertEscalationStepResponse> SettingsAdmin::UpsertRung(
    const service::Principal& caller, const v1::UpsertEscalationStepRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> bad;
  if (r.rung().step() != v1::ESCALATION_STEP_URGING &&
      r.rung().step() != v1::ESCALATION_STEP_ESCALATION) {
    bad.push_back({"rung.step",
                   "URGING or ESCALATION (the warning follows the policy's warning "
                   "point, the overdue notice the due time)"});
  }
  CheckLimit(r.rung().after_due(), "rung.after_due", true, bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    tx.exec_params0(R"sql(
INSERT INTO supervision_escalation_rungs (step, after_unit, after_amount, active)
VALUES ($1, $2, $3, $4)
ON CONFLICT (step) DO UPDATE SET after_unit = excluded.after_unit,
  after_amount = excluded.after_amount, active = excluded.active)sql",
                    static_cast<int>(r.rung().step()), UnitOr(r.rung().after_due()),
                    r.rung().after_due().amount(), r.rung().active());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache_.Invalidate();
  v1::UpsertEscalationStepResponse response;
  *response.mutable_rung() = r.rung();
  return response;
}

absl::StatusOr<v1::ListEscalationStepsResponse> SettingsAdmin::ListRungs(
    const service::Principal& caller) {
  if (auto allowed = RequireReader(caller); !allowed.ok()) return allowed;
  return pg::TransactFor<v1::ListEscalationStepsResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListEscalationStepsResponse> {
        v1::ListEscalationStepsResponse response;
        for (const pqxx::row& row : tx.exec(
                 "SELECT step, after_unit, after_amount, active FROM supervision_escalation_rungs "
                 "ORDER BY step")) {
          v1::EscalationRung* rung = response.add_rungs();
          rung->set_step(static_cast<v1::EscalationStep>(row[0].as<int>()));
          *rung->mutable_after_due() = ToLimit(row[1], row[2]);
          rung->set_active(row[3].as<bool>());
        }
        return response;
      });
}

}  // namespace hotline::supervision
