#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// What an import wrote of units.
struct ImportedUnits {
  int64_t written = 0;
  int64_t deactivated = 0;  // by `replace`: active units the import did not carry
};

// The directory as data (department types, units, the dispatch catalogue) for its administration.
// Rows handed in were validated before; region codes are stored in canonical form.
class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  // Department code → functional (职能部门).
  virtual absl::flat_hash_map<std::string, bool> DepartmentKinds(Transaction& tx) const = 0;
  // By code.
  virtual std::vector<hotline::routing::v1::DepartmentType> Departments(Transaction& tx) const = 0;
  virtual void UpsertDepartment(Transaction& tx,
                                const hotline::routing::v1::DepartmentType& d) const = 0;
  // Active units and rules that use `department` below county level.
  virtual int64_t UsesBelowCounty(Transaction& tx, const std::string& department) const = 0;

  // Of `ids`, those that exist as units (active or not).
  virtual std::vector<std::string> ExistingUnitIds(Transaction& tx,
                                                   const std::vector<std::string>& ids) const = 0;
  // Inserts or updates the unit by id, active; returns it as stored.
  virtual hotline::routing::v1::Unit UpsertUnit(Transaction& tx,
                                                const hotline::routing::v1::Unit& unit) const = 0;
  // False when there is no such unit.
  virtual bool DeactivateUnit(Transaction& tx, const std::string& unit_id) const = 0;
  virtual std::optional<hotline::routing::v1::Unit> GetUnit(Transaction& tx,
                                                            const std::string& unit_id) const = 0;

  // Inserts or updates by the rule's scope (its natural key), active; returns it as stored.
  virtual hotline::routing::v1::CatalogueRule UpsertRule(
      Transaction& tx, const hotline::routing::v1::CatalogueRule& rule) const = 0;
  // Updates the rule with `rule.id()`, active; nullopt when there is none.
  virtual std::optional<hotline::routing::v1::CatalogueRule> UpdateRule(
      Transaction& tx, const hotline::routing::v1::CatalogueRule& rule) const = 0;
  // False when there is no such rule.
  virtual bool DeactivateRule(Transaction& tx, int64_t rule_id) const = 0;
  // By category prefix, region prefix, area kind, priority.
  virtual std::vector<hotline::routing::v1::CatalogueRule> Rules(Transaction& tx,
                                                                 bool include_inactive) const = 0;

  // A national import runs far longer than an ordinary statement may.
  virtual void AllowLongImport(Transaction& tx) const = 0;
  virtual ImportedUnits ImportUnits(Transaction& tx,
                                    const std::vector<const hotline::routing::v1::Unit*>& units,
                                    bool replace) const = 0;
  // Deactivates the active rules not in `kept`; returns how many.
  virtual int64_t DeactivateRulesExcept(Transaction& tx,
                                        const std::vector<int64_t>& kept) const = 0;
};

}  // namespace hotline::routing
