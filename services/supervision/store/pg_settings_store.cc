#include "services/supervision/store/pg_settings_store.h"

#include <memory>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/calendar/calendar_text.h"
#include "libs/pg/pg_transaction.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;

Limit LimitOf(const pqxx::field& unit, const pqxx::field& amount) {
  return {static_cast<LimitUnit>(unit.as<int>()), amount.as<double>()};
}

v1::Limit ToLimit(const pqxx::field& unit, const pqxx::field& amount) {
  v1::Limit limit;
  limit.set_unit(static_cast<v1::LimitUnit>(unit.as<int>()));
  limit.set_amount(amount.as<double>());
  return limit;
}

// An unset unit is stored as working hours.
int UnitOr(const v1::Limit& limit) {
  return limit.unit() == v1::LIMIT_UNIT_UNSPECIFIED ? v1::LIMIT_UNIT_WORKING_HOURS : limit.unit();
}

// The columns of a policy as the admin RPCs show it, in the order PolicyFromRow reads them;
// joined to each statement at compile time so that every statement stays one constant.
#define SUPERVISION_POLICY_COLUMNS                                                           \
  " id, kind, urgency, category_prefix, priority, calendar, sign_for_unit, sign_for_amount," \
  " handling_unit, handling_amount, co_reply_unit, co_reply_amount, follow_up_unit,"         \
  " follow_up_amount, warning_point, requires_review, suspension_needs_approval,"            \
  " follow_up_attempts, extract(epoch from retention)::bigint, active, note "

// The values both writes of a policy set, as $2… of PolicyParams.
#define SUPERVISION_POLICY_VALUES                                                              \
  " kind = $2, urgency = $3, category_prefix = $4, priority = $5, calendar = $6,"              \
  " sign_for_unit = $7, sign_for_amount = $8, handling_unit = $9, handling_amount = $10,"      \
  " co_reply_unit = $11, co_reply_amount = $12, follow_up_unit = $13, follow_up_amount = $14," \
  " warning_point = $15, requires_review = $16, suspension_needs_approval = $17,"              \
  " follow_up_attempts = $18, retention = $19::bigint * interval '1 second', active = true,"   \
  " note = $20, updated_at = now() "

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

pqxx::result WritePolicy(Transaction& tx, const char* sql, const v1::Policy& p) {
  return pg::Work(tx).exec_params(
      sql, p.id(), static_cast<int>(p.kind()), static_cast<int>(p.urgency()), p.category_prefix(),
      p.priority(), p.calendar(), UnitOr(p.sign_for()), p.sign_for().amount(), UnitOr(p.handling()),
      p.handling().amount(), UnitOr(p.co_reply()), p.co_reply().amount(), UnitOr(p.follow_up()),
      p.follow_up().amount(), p.warning_point(), p.requires_review(), p.suspension_needs_approval(),
      p.follow_up_attempts(), p.retention().seconds(), p.note());
}

}  // namespace

constexpr char kLoadCalendars[] = "SELECT code, body FROM supervision_calendars";
constexpr char kLoadPolicies[] = R"sql(
SELECT id, kind, urgency, category_prefix, priority, calendar,
  sign_for_unit, sign_for_amount, handling_unit, handling_amount,
  co_reply_unit, co_reply_amount, follow_up_unit, follow_up_amount,
  warning_point, requires_review, suspension_needs_approval, follow_up_attempts,
  (extract(epoch from retention) * 1000000)::bigint
FROM supervision_policies WHERE active ORDER BY id)sql";
constexpr char kLoadRungs[] =
    "SELECT step, after_unit, after_amount FROM supervision_escalation_rungs WHERE active";

absl::StatusOr<Settings> PgSettingsStore::Load(Transaction& tx) {
  pqxx::work& work = pg::Work(tx);
  Settings s;
  for (const pqxx::row& r : work.exec(kLoadCalendars)) {
    absl::StatusOr<calendar::BusinessCalendar> parsed = calendar::ParseCalendar(r[1].c_str());
    s.calendars[r[0].c_str()] =
        parsed.ok() ? std::make_shared<const calendar::BusinessCalendar>(*std::move(parsed))
                    : nullptr;
  }
  for (const pqxx::row& r : work.exec(kLoadPolicies)) {
    PolicyRow p;
    p.id = r[0].as<int64_t>();
    p.kind = r[1].as<int>();
    p.urgency = r[2].as<int>();
    p.category_prefix = r[3].c_str();
    p.priority = r[4].as<int>();
    p.calendar = r[5].c_str();
    p.sign_for = LimitOf(r[6], r[7]);
    p.handling = LimitOf(r[8], r[9]);
    p.co_reply = LimitOf(r[10], r[11]);
    p.follow_up = LimitOf(r[12], r[13]);
    p.warning_point = r[14].as<double>();
    p.requires_review = r[15].as<bool>();
    p.suspension_needs_approval = r[16].as<bool>();
    p.follow_up_attempts = r[17].as<int>();
    p.retention = absl::Microseconds(r[18].as<int64_t>());
    s.policies.push_back(std::move(p));
  }
  for (const pqxx::row& r : work.exec(kLoadRungs)) {
    const Limit limit = LimitOf(r[1], r[2]);
    if (r[0].as<int>() == static_cast<int>(Step::kUrging)) s.rungs.urging = limit;
    if (r[0].as<int>() == static_cast<int>(Step::kEscalation)) s.rungs.escalation = limit;
  }
  return s;
}

constexpr char kPutCalendar[] = R"sql(
INSERT INTO supervision_calendars (code, body) VALUES ($1, $2)
ON CONFLICT (code) DO UPDATE SET body = excluded.body, updated_at = now())sql";

void PgSettingsStore::PutCalendar(Transaction& tx, const std::string& code,
                                  const std::string& text) {
  pg::Work(tx).exec_params0(kPutCalendar, code, text);
}

constexpr char kCalendarText[] = "SELECT body FROM supervision_calendars WHERE code = $1";

std::optional<std::string> PgSettingsStore::CalendarText(Transaction& tx, const std::string& code) {
  const pqxx::result rows = pg::Work(tx).exec_params(kCalendarText, code);
  if (rows.empty()) return std::nullopt;
  return std::string(rows[0][0].c_str());
}

constexpr char kUpdatePolicy[] = "UPDATE supervision_policies SET" SUPERVISION_POLICY_VALUES
                                 "WHERE id = $1 RETURNING" SUPERVISION_POLICY_COLUMNS;

std::optional<v1::Policy> PgSettingsStore::UpdatePolicy(Transaction& tx, const v1::Policy& p) {
  const pqxx::result rows = WritePolicy(tx, kUpdatePolicy, p);
  if (rows.empty()) return std::nullopt;
  return PolicyFromRow(rows[0]);
}

constexpr char kInsertPolicy[] = R"sql(
INSERT INTO supervision_policies (kind, urgency, category_prefix, priority, calendar,
  sign_for_unit, sign_for_amount, handling_unit, handling_amount, co_reply_unit, co_reply_amount,
  follow_up_unit, follow_up_amount, warning_point, requires_review, suspension_needs_approval,
  follow_up_attempts, retention, note)
SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
  $19::bigint * interval '1 second', $20 WHERE $1::bigint = 0
ON CONFLICT (kind, urgency, category_prefix, priority) DO UPDATE SET)sql" SUPERVISION_POLICY_VALUES
                                 "RETURNING" SUPERVISION_POLICY_COLUMNS;

v1::Policy PgSettingsStore::InsertPolicy(Transaction& tx, const v1::Policy& p) {
  v1::Policy fresh = p;
  fresh.set_id(0);
  return PolicyFromRow(WritePolicy(tx, kInsertPolicy, fresh).at(0));
}

constexpr char kPolicies[] =
    "SELECT" SUPERVISION_POLICY_COLUMNS "FROM supervision_policies ORDER BY id";

std::vector<v1::Policy> PgSettingsStore::Policies(Transaction& tx) {
  std::vector<v1::Policy> out;
  for (const pqxx::row& row : pg::Work(tx).exec(kPolicies)) out.push_back(PolicyFromRow(row));
  return out;
}

constexpr char kPutRung[] = R"sql(
INSERT INTO supervision_escalation_rungs (step, after_unit, after_amount, active)
VALUES ($1, $2, $3, $4)
ON CONFLICT (step) DO UPDATE SET after_unit = excluded.after_unit,
  after_amount = excluded.after_amount, active = excluded.active)sql";

void PgSettingsStore::PutRung(Transaction& tx, const v1::EscalationRung& rung) {
  pg::Work(tx).exec_params0(kPutRung, static_cast<int>(rung.step()), UnitOr(rung.after_due()),
                            rung.after_due().amount(), rung.active());
}

constexpr char kRungs[] =
    "SELECT step, after_unit, after_amount, active FROM supervision_escalation_rungs ORDER BY step";

std::vector<v1::EscalationRung> PgSettingsStore::Rungs(Transaction& tx) {
  std::vector<v1::EscalationRung> out;
  for (const pqxx::row& row : pg::Work(tx).exec(kRungs)) {
    v1::EscalationRung& rung = out.emplace_back();
    rung.set_step(static_cast<v1::EscalationStep>(row[0].as<int>()));
    *rung.mutable_after_due() = ToLimit(row[1], row[2]);
    rung.set_active(row[3].as<bool>());
  }
  return out;
}

#undef SUPERVISION_POLICY_COLUMNS
#undef SUPERVISION_POLICY_VALUES

}  // namespace hotline::supervision
