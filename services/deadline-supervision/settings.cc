#include "services/deadline-supervision/settings.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/str_cat.h"
#include "libs/calendar/calendar_text.h"
#include "libs/pg/transact.h"

namespace hotline::supervision {
namespace {

Limit LimitOf(const pqxx::field& unit, const pqxx::field& amount) {
  return {static_cast<LimitUnit>(unit.as<int>()), amount.as<double>()};
}

}  // namespace

absl::StatusOr<const calendar::BusinessCalendar*> Settings::Calendar(
    const std::string& code) const {
  auto it = calendars.find(code);
  if (it == calendars.end() || it->second == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("calendar ", code, " is missing or does not parse"));
  }
  return it->second.get();
}

absl::StatusOr<const PolicyRow*> Settings::PolicyFor(int kind, int urgency,
                                                     const std::string& category) const {
  const PolicyRow* policy = ChoosePolicy(policies, kind, urgency, category);
  if (policy == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("no deadline policy applies to category ", category));
  }
  return policy;
}

const PolicyRow* Settings::PolicyById(int64_t id) const {
  for (const PolicyRow& p : policies) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

absl::StatusOr<Settings> LoadSettings(pqxx::transaction_base& tx) {
  Settings s;
  for (const pqxx::row& r : tx.exec("SELECT code, body FROM supervision_calendars")) {
    absl::StatusOr<calendar::BusinessCalendar> parsed = calendar::ParseCalendar(r[1].c_str());
    // A calendar that no longer parses must not take the others down; policies using it fail.
    s.calendars[r[0].c_str()] =
        parsed.ok() ? std::make_shared<const calendar::BusinessCalendar>(*std::move(parsed))
                    : nullptr;
  }
  for (const pqxx::row& r : tx.exec(R"sql(
SELECT id, kind, urgency, category_prefix, priority, calendar,
  sign_for_unit, sign_for_amount, handling_unit, handling_amount,
  co_reply_unit, co_reply_amount, follow_up_unit, follow_up_amount,
  warning_point, requires_review, suspension_needs_approval, follow_up_attempts,
  (extract(epoch from retention) * 1000000)::bigint
FROM supervision_policies WHERE active ORDER BY id)sql")) {
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
  for (const pqxx::row& r : tx.exec("SELECT step, after_unit, after_amount FROM "
                                    "supervision_escalation_rungs WHERE active")) {
    const Limit limit = LimitOf(r[1], r[2]);
    if (r[0].as<int>() == static_cast<int>(Step::kUrging)) s.rungs.urging = limit;
    if (r[0].as<int>() == static_cast<int>(Step::kEscalation)) s.rungs.escalation = limit;
  }
  return s;
}

absl::StatusOr<std::shared_ptr<const Settings>> SettingsCache::Get() {
  {
    absl::MutexLock lock(&mu_);
    if (current_ != nullptr && clock_.Now() - loaded_at_ < ttl_) return current_;
  }
  auto loaded = pg::TransactFor<Settings>(pool_, [](pqxx::work& tx) { return LoadSettings(tx); });
  if (!loaded.ok()) return loaded.status();
  auto settings = std::make_shared<const Settings>(*std::move(loaded));
  absl::MutexLock lock(&mu_);
  current_ = settings;
  loaded_at_ = clock_.Now();
  return settings;
}

void SettingsCache::Invalidate() {
  absl::MutexLock lock(&mu_);
  loaded_at_ = absl::InfinitePast();
}

}  // namespace hotline::supervision
