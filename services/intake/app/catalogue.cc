#include "services/intake/app/catalogue.h"

#include <algorithm>

#include "libs/domain/category_code.h"
#include "services/intake/rules/request_validation.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

std::vector<FieldViolation> ValidateCategory(const v1::Category& category) {
  std::vector<FieldViolation> out;
  if (!domain::IsCategoryCode(category.code()) || category.code().size() > kMaxCategory) {
    out.push_back({"category.code", "must be lower-case segments separated by '/'"});
  }
  CheckText("category.name", category.name(), 100, /*required=*/true, out);
  if (category.child_protection_emergency() && !category.minor_protection()) {
    out.push_back({"category.child_protection_emergency", "requires minor_protection"});
  }
  return out;
}

Catalogue::Catalogue(TransactionRunner& transactions, const CatalogueStore& store,
                     absl::Duration ttl, const Clock& clock)
    : transactions_(transactions), store_(store), cache_([this] { return Load(); }, ttl, clock) {}

absl::StatusOr<CatalogueSnapshot> Catalogue::Load() {
  CatalogueSnapshot snapshot;
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    snapshot.categories.clear();
    for (v1::Category& c : store_.Categories(tx)) {
      std::string code = c.code();
      snapshot.categories.emplace(std::move(code), std::move(c));
    }
    snapshot.rules = store_.ScopeRules(tx);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  snapshot.scope = ScopeRuleSet(snapshot.rules);
  return snapshot;
}

absl::StatusOr<std::vector<v1::Category>> Catalogue::Categories() {
  auto snapshot = Current();
  if (!snapshot.ok()) return snapshot.status();
  std::vector<v1::Category> sorted;
  for (const auto& [code, category] : (*snapshot)->categories) sorted.push_back(category);
  std::sort(sorted.begin(), sorted.end(),
            [](const v1::Category& a, const v1::Category& b) { return a.code() < b.code(); });
  return sorted;
}

absl::StatusOr<v1::Category> Catalogue::UpsertCategory(const v1::Category& category) {
  std::vector<FieldViolation> violations = ValidateCategory(category);
  if (!violations.empty()) return InvalidFields(std::move(violations));
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    store_.PutCategory(tx, category);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache_.Invalidate();
  return category;
}

absl::StatusOr<v1::ScopeRule> Catalogue::UpsertScopeRule(const v1::ScopeRule& rule) {
  std::vector<FieldViolation> violations = ValidateScopeRule(rule);
  if (!violations.empty()) return InvalidFields(std::move(violations));
  absl::Status status = transactions_.Run([&](Transaction& tx) {
    store_.PutScopeRule(tx, rule);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache_.Invalidate();
  return rule;
}

}  // namespace hotline::intake
