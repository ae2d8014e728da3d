#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/routing/store/directory_source.h"
#include "services/routing/store/directory_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::testing {

// The directory's tables in memory, for unit tests of the directory's administration.
class FakeDirectoryStore final : public routing::DirectoryStore, public FakeState {
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

  void AllowLongImport(Transaction&) const override {}
  routing::ImportedUnits ImportUnits(Transaction& tx,
                                     const std::vector<const hotline::routing::v1::Unit*>& units,
                                     bool replace) const override;
  int64_t DeactivateRulesExcept(Transaction& tx, const std::vector<int64_t>& kept) const override;

  size_t unit_count() const { return data_.units.size(); }
  size_t rule_count() const { return data_.rules.size(); }

  void Save() override { saved_ = data_; }
  void Restore() override { data_ = saved_; }

 private:
  struct Data {
    std::map<std::string, hotline::routing::v1::DepartmentType> departments;
    std::map<std::string, hotline::routing::v1::Unit> units;
    std::map<int64_t, hotline::routing::v1::CatalogueRule> rules;
  };
  mutable Data data_;
  Data saved_;
};

// A directory snapshot built by the test; its version goes up with Bump().
class FakeDirectorySource final : public routing::DirectorySource {
 public:
  explicit FakeDirectorySource(std::function<void(routing::DirectorySnapshot::Builder&)> fill)
      : fill_(std::move(fill)) {}

  absl::StatusOr<std::shared_ptr<const routing::DirectorySnapshot>> Load(
      const Clock& clock) const override {
    routing::DirectorySnapshot::Builder builder;
    fill_(builder);
    return std::move(builder).Build(version_, clock.Now(), absl::ZeroDuration());
  }
  absl::StatusOr<int64_t> StoredVersion() const override { return version_; }
  void Bump() { ++version_; }

 private:
  std::function<void(routing::DirectorySnapshot::Builder&)> fill_;
  int64_t version_ = 1;
};

}  // namespace hotline::testing
