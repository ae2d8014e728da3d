#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/field_violations.h"
#include "libs/common/transaction.h"
#include "libs/common/ttl_cache.h"
#include "services/intake/rules/scope_rules.h"
#include "services/intake/store/catalogue_store.h"

namespace hotline::intake {

// The data intake decides with: the category catalogue and the acceptance-scope rules.
struct CatalogueSnapshot {
  absl::flat_hash_map<std::string, hotline::intake::v1::Category> categories;
  std::vector<hotline::intake::v1::ScopeRule> rules;  // by priority, then reason code
  ScopeRuleSet scope;                                 // `rules`, ready to decide with
};

// Reads the catalogue from its store and keeps it for `ttl`: operators change it without a
// rebuild or restart. A write through this object is seen here at once, on other replicas within
// the ttl.
class Catalogue {
 public:
  Catalogue(TransactionRunner& transactions, const CatalogueStore& store, absl::Duration ttl,
            const Clock& clock);

  // The snapshot, read again from the store when older than the ttl.
  absl::StatusOr<std::shared_ptr<const CatalogueSnapshot>> Current() { return cache_.Get(); }
  // The snapshot if it is within the ttl, else null; never touches the database, so threads that
  // must not block (gRPC callbacks) use it and leave a reload to a thread that may.
  std::shared_ptr<const CatalogueSnapshot> Fresh() const { return cache_.Fresh(); }

  // The categories by code.
  absl::StatusOr<std::vector<hotline::intake::v1::Category>> Categories();
  absl::StatusOr<hotline::intake::v1::Category> UpsertCategory(
      const hotline::intake::v1::Category& category);
  absl::StatusOr<hotline::intake::v1::ScopeRule> UpsertScopeRule(
      const hotline::intake::v1::ScopeRule& rule);

 private:
  absl::StatusOr<CatalogueSnapshot> Load();

  TransactionRunner& transactions_;
  const CatalogueStore& store_;
  TtlCache<CatalogueSnapshot> cache_;
};

// Problems of a category to store ("category.code" …).
std::vector<FieldViolation> ValidateCategory(const hotline::intake::v1::Category& category);

}  // namespace hotline::intake
