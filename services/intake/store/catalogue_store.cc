#include "services/intake/store/catalogue_store.h"

#include <pqxx/result>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

namespace {

v1::ScopeRule RuleFromRow(const pqxx::row& r) {
  v1::ScopeRule rule;
  rule.set_reason_code(r[0].as<std::string>());
  rule.set_priority(r[1].as<int>());
  rule.set_decision(static_cast<v1::ScopeDecision>(r[2].as<int>()));
  rule.set_reason(r[3].as<std::string>());
  for (const auto& p : pg::TextArrayOf(r[4])) rule.add_category_prefixes(p);
  for (int64_t k : pg::IntArrayOf(r[5])) rule.add_kinds(static_cast<common::TicketKind>(k));
  for (const auto& k : pg::TextArrayOf(r[6])) rule.add_keywords(k);
  rule.set_requires_minor(r[7].as<bool>());
  rule.set_requires_emergency_flag(r[8].as<bool>());
  for (int64_t l : pg::IntArrayOf(r[9])) rule.add_referral_lines(static_cast<v1::EmergencyLine>(l));
  rule.set_active(r[10].as<bool>());
  return rule;
}

}  // namespace

constexpr char kSelectCategories[] =
    "SELECT code, name, minor_protection, child_protection_emergency, active "
    "FROM intake_categories";

std::vector<v1::Category> PgCatalogueStore::Categories(Transaction& tx) const {
  std::vector<v1::Category> categories;
  for (const auto& r : pg::Work(tx).exec(kSelectCategories)) {
    v1::Category& c = categories.emplace_back();
    c.set_code(r[0].as<std::string>());
    c.set_name(r[1].as<std::string>());
    c.set_minor_protection(r[2].as<bool>());
    c.set_child_protection_emergency(r[3].as<bool>());
    c.set_active(r[4].as<bool>());
  }
  return categories;
}

constexpr char kSelectRules[] = R"sql(
SELECT reason_code, priority, decision, reason, category_prefixes, kinds, keywords,
  requires_minor, requires_emergency_flag, referral_lines, active
FROM intake_scope_rules ORDER BY priority, reason_code)sql";

std::vector<v1::ScopeRule> PgCatalogueStore::ScopeRules(Transaction& tx) const {
  std::vector<v1::ScopeRule> rules;
  for (const auto& r : pg::Work(tx).exec(kSelectRules)) rules.push_back(RuleFromRow(r));
  return rules;
}

constexpr char kUpsertCategory[] = R"sql(
INSERT INTO intake_categories (code, name, minor_protection, child_protection_emergency, active)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,
  minor_protection = EXCLUDED.minor_protection,
  child_protection_emergency = EXCLUDED.child_protection_emergency,
  active = EXCLUDED.active, updated_at = now())sql";

void PgCatalogueStore::PutCategory(Transaction& tx, const v1::Category& category) const {
  pg::Work(tx).exec_params(kUpsertCategory, category.code(), category.name(),
                           category.minor_protection(), category.child_protection_emergency(),
                           category.active());
}

constexpr char kUpsertRule[] = R"sql(
INSERT INTO intake_scope_rules (reason_code, priority, decision, reason, category_prefixes, kinds,
  keywords, requires_minor, requires_emergency_flag, referral_lines, active)
VALUES ($1, $2, $3, $4, $5::text[], $6::smallint[], $7::text[], $8, $9, $10::smallint[], $11)
ON CONFLICT (reason_code) DO UPDATE SET priority = EXCLUDED.priority,
  decision = EXCLUDED.decision, reason = EXCLUDED.reason,
  category_prefixes = EXCLUDED.category_prefixes, kinds = EXCLUDED.kinds,
  keywords = EXCLUDED.keywords, requires_minor = EXCLUDED.requires_minor,
  requires_emergency_flag = EXCLUDED.requires_emergency_flag,
  referral_lines = EXCLUDED.referral_lines, active = EXCLUDED.active, updated_at = now())sql";

void PgCatalogueStore::PutScopeRule(Transaction& tx, const v1::ScopeRule& rule) const {
  std::vector<std::string> prefixes(rule.category_prefixes().begin(),
                                    rule.category_prefixes().end());
  std::vector<std::string> keywords(rule.keywords().begin(), rule.keywords().end());
  std::vector<int64_t> kinds(rule.kinds().begin(), rule.kinds().end());
  std::vector<int64_t> lines(rule.referral_lines().begin(), rule.referral_lines().end());
  pg::Work(tx).exec_params(
      kUpsertRule, rule.reason_code(), rule.priority(), static_cast<int>(rule.decision()),
      rule.reason(), pg::TextArrayLiteral(prefixes), pg::IntArrayLiteral(kinds),
      pg::TextArrayLiteral(keywords), rule.requires_minor(), rule.requires_emergency_flag(),
      pg::IntArrayLiteral(lines), rule.active());
}

}  // namespace hotline::intake
