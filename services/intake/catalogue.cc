#include "services/intake/catalogue.h"

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_error.h"
#include "libs/pg/transact.h"
#include "services/intake/request_validation.h"
#include "services/intake/scope_rules.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

namespace {

constexpr char kSelectCategories[] =
    "SELECT code, name, minor_protection, child_protection_emergency, active "
    "FROM intake_categories";
constexpr char kSelectRules[] = R"sql(
SELECT reason_code, priority, decision, reason, category_prefixes, kinds, keywords,
  requires_minor, requires_emergency_flag, referral_lines, active
FROM intake_scope_rules ORDER BY priority, reason_code)sql";
constexpr char kUpsertCategory[] = R"sql(
INSERT INTO intake_categories (code, name, minor_protection, child_protection_emergency, active)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,
  minor_protection = EXCLUDED.minor_protection,
  child_protection_emergency = EXCLUDED.child_protection_emergency,
  active = EXCLUDED.active, updated_at = now())sql";
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

std::vector<FieldViolation> ValidateCategory(const v1::Category& category) {
  std::vector<FieldViolation> out;
  if (!IsCategoryCode(category.code()) || category.code().size() > kMaxCategory) {
    out.push_back({"category.code", "must be lower-case segments separated by '/'"});
  }
  CheckText("category.name", category.name(), 100, /*required=*/true, out);
  if (category.child_protection_emergency() && !category.minor_protection()) {
    out.push_back({"category.child_protection_emergency", "requires minor_protection"});
  }
  return out;
}

Catalogue::Catalogue(pg::PgPool& pool, absl::Duration ttl, const Clock& clock)
    : pool_(pool), ttl_(ttl), clock_(clock) {}

absl::StatusOr<std::shared_ptr<const CatalogueSnapshot>> Catalogue::Current() {
  if (std::shared_ptr<const CatalogueSnapshot> fresh = Fresh()) return fresh;
  auto loaded = Load();
  if (!loaded.ok()) return loaded.status();
  absl::MutexLock lock(&mu_);
  snapshot_ = *loaded;
  loaded_at_ = clock_.Now();
  return snapshot_;
}

std::shared_ptr<const CatalogueSnapshot> Catalogue::Fresh() {
  absl::MutexLock lock(&mu_);
  if (snapshot_ != nullptr && clock_.Now() - loaded_at_ < ttl_) return snapshot_;
  return nullptr;
}

absl::StatusOr<std::shared_ptr<const CatalogueSnapshot>> Catalogue::Load() {
  auto snapshot = std::make_shared<CatalogueSnapshot>();
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    for (const auto& r : tx.exec(kSelectCategories)) {
      v1::Category c;
      c.set_code(r[0].as<std::string>());
      c.set_name(r[1].as<std::string>());
      c.set_minor_protection(r[2].as<bool>());
      c.set_child_protection_emergency(r[3].as<bool>());
      c.set_active(r[4].as<bool>());
      snapshot->categories.emplace(c.code(), c);
    }
    for (const auto& r : tx.exec(kSelectRules)) snapshot->rules.push_back(RuleFromRow(r));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  snapshot->scope = ScopeRuleSet(snapshot->rules);
  return std::shared_ptr<const CatalogueSnapshot>(std::move(snapshot));
}

void Catalogue::Invalidate() {
  absl::MutexLock lock(&mu_);
  loaded_at_ = absl::InfinitePast();
}

absl::StatusOr<v1::Category> Catalogue::UpsertCategory(const v1::Category& category) {
  std::vector<FieldViolation> violations = ValidateCategory(category);
  if (!violations.empty()) return InvalidFields(std::move(violations));
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    tx.exec_params(kUpsertCategory, category.code(), category.name(), category.minor_protection(),
                   category.child_protection_emergency(), category.active());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  Invalidate();
  return category;
}

absl::StatusOr<v1::ScopeRule> Catalogue::UpsertScopeRule(const v1::ScopeRule& rule) {
  std::vector<FieldViolation> violations = ValidateScopeRule(rule);
  if (!violations.empty()) return InvalidFields(std::move(violations));
  std::vector<std::string> prefixes(rule.category_prefixes().begin(),
                                    rule.category_prefixes().end());
  std::vector<std::string> keywords(rule.keywords().begin(), rule.keywords().end());
  std::vector<int64_t> kinds(rule.kinds().begin(), rule.kinds().end());
  std::vector<int64_t> lines(rule.referral_lines().begin(), rule.referral_lines().end());
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) {
    tx.exec_params(kUpsertRule, rule.reason_code(), rule.priority(),
                   static_cast<int>(rule.decision()), rule.reason(), pg::TextArrayLiteral(prefixes),
                   pg::IntArrayLiteral(kinds), pg::TextArrayLiteral(keywords),
                   rule.requires_minor(), rule.requires_emergency_flag(),
                   pg::IntArrayLiteral(lines), rule.active());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  Invalidate();
  return rule;
}

}  // namespace hotline::intake
