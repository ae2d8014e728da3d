#pragma once

#include "services/routing/store/directory_store.h"

namespace hotline::routing {

// DirectoryStore on PostgreSQL. Its statements live by subject: pg_department_rows.cc,
// pg_unit_rows.cc, pg_catalogue_rows.cc and pg_directory_import.cc.
class PgDirectoryStore final : public DirectoryStore {
 public:
  absl::flat_hash_map<std::string, bool> DepartmentKinds(Transaction& tx) const override;
  std::vector<hotline::routing::v1::DepartmentType> Departments(Transaction& tx) const override;
  void UpsertDepartment(Transaction& tx,
                        const hotline::routing::v1::DepartmentType& d) const override;
  int64_t UsesBelowCounty(Transaction& tx, const std::string& department) const override;

  std::vector<std::string> ExistingUnitIds(Transaction& tx,
                                           const std::vector<std::string>& ids) const override;
  hotline::routing::v1::Unit UpsertUnit(Transaction& tx,
                                        const hotline::routing::v1::Unit& unit) const override;
  bool DeactivateUnit(Transaction& tx, const std::string& unit_id) const override;
  std::optional<hotline::routing::v1::Unit> GetUnit(Transaction& tx,
                                                    const std::string& unit_id) const override;

  hotline::routing::v1::CatalogueRule UpsertRule(
      Transaction& tx, const hotline::routing::v1::CatalogueRule& rule) const override;
  std::optional<hotline::routing::v1::CatalogueRule> UpdateRule(
      Transaction& tx, const hotline::routing::v1::CatalogueRule& rule) const override;
  bool DeactivateRule(Transaction& tx, int64_t rule_id) const override;
  std::vector<hotline::routing::v1::CatalogueRule> Rules(Transaction& tx,
                                                         bool include_inactive) const override;

  void AllowLongImport(Transaction& tx) const override;
  ImportedUnits ImportUnits(Transaction& tx,
                            const std::vector<const hotline::routing::v1::Unit*>& units,
                            bool replace) const override;
  int64_t DeactivateRulesExcept(Transaction& tx, const std::vector<int64_t>& kept) const override;
};

// The region in canonical form and its tier; the code was validated before.
std::pair<std::string, int> CanonicalPlace(const std::string& region_code);

}  // namespace hotline::routing
