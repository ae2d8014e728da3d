#pragma once

#include <vector>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"

namespace hotline::intake {

// The category catalogue and the acceptance-scope rules, as operators keep them.
class CatalogueStore {
 public:
  virtual ~CatalogueStore() = default;

  virtual std::vector<hotline::intake::v1::Category> Categories(Transaction& tx) const = 0;
  // By priority, then reason code.
  virtual std::vector<hotline::intake::v1::ScopeRule> ScopeRules(Transaction& tx) const = 0;
  // Inserts or replaces the category of the same code.
  virtual void PutCategory(Transaction& tx,
                           const hotline::intake::v1::Category& category) const = 0;
  // Inserts or replaces the rule of the same reason code.
  virtual void PutScopeRule(Transaction& tx, const hotline::intake::v1::ScopeRule& rule) const = 0;
};

// CatalogueStore on PostgreSQL (intake_categories, intake_scope_rules).
class PgCatalogueStore final : public CatalogueStore {
 public:
  std::vector<hotline::intake::v1::Category> Categories(Transaction& tx) const override;
  std::vector<hotline::intake::v1::ScopeRule> ScopeRules(Transaction& tx) const override;
  void PutCategory(Transaction& tx, const hotline::intake::v1::Category& category) const override;
  void PutScopeRule(Transaction& tx, const hotline::intake::v1::ScopeRule& rule) const override;
};

}  // namespace hotline::intake
