#pragma once

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/routing/directory_cache.h"

namespace hotline::routing {

// The directory of units and the dispatch catalogue as data (ROLE_ADMIN): single-row edits and
// the bulk import. Every write bumps the directory version; this replica reloads at once, the
// others within their poll interval.
class DirectoryAdmin {
 public:
  DirectoryAdmin(pg::PgPool& pool, DirectoryCache& directory)
      : pool_(pool), directory_(directory) {}

  absl::StatusOr<hotline::routing::v1::UpsertUnitResponse> UpsertUnit(
      const service::Principal& caller, const hotline::routing::v1::UpsertUnitRequest& r);
  absl::StatusOr<hotline::routing::v1::DeactivateUnitResponse> DeactivateUnit(
      const service::Principal& caller, const hotline::routing::v1::DeactivateUnitRequest& r);
  absl::StatusOr<hotline::routing::v1::GetUnitResponse> GetUnit(
      const service::Principal& caller, const hotline::routing::v1::GetUnitRequest& r);
  absl::StatusOr<hotline::routing::v1::UpsertDepartmentTypeResponse> UpsertDepartmentType(
      const service::Principal& caller, const hotline::routing::v1::UpsertDepartmentTypeRequest& r);
  absl::StatusOr<hotline::routing::v1::ListDepartmentTypesResponse> ListDepartmentTypes(
      const service::Principal& caller);
  absl::StatusOr<hotline::routing::v1::UpsertCatalogueRuleResponse> UpsertRule(
      const service::Principal& caller, const hotline::routing::v1::UpsertCatalogueRuleRequest& r);
  absl::StatusOr<hotline::routing::v1::DeactivateCatalogueRuleResponse> DeactivateRule(
      const service::Principal& caller,
      const hotline::routing::v1::DeactivateCatalogueRuleRequest& r);
  absl::StatusOr<hotline::routing::v1::ListCatalogueRulesResponse> ListRules(
      const service::Principal& caller, const hotline::routing::v1::ListCatalogueRulesRequest& r);
  // All chunks together: every row validated (up to 200 violations reported at once), then one
  // transaction writes everything, or nothing.
  absl::StatusOr<hotline::routing::v1::ImportDirectoryResponse> Import(
      const service::Principal& caller,
      const std::vector<hotline::routing::v1::ImportDirectoryChunk>& chunks);
  absl::StatusOr<hotline::routing::v1::GetDirectoryStatusResponse> Status(
      const service::Principal& caller);

 private:
  // Reloads this replica's cache after a committed write and returns the new version.
  int64_t Reloaded();

  pg::PgPool& pool_;
  DirectoryCache& directory_;
};

}  // namespace hotline::routing
