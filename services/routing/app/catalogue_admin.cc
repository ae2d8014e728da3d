#include "services/routing/app/catalogue_admin.h"

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "services/routing/app/directory_validation.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;

absl::StatusOr<int64_t> CatalogueAdmin::UpsertDepartmentType(const v1::DepartmentType& d) {
  std::vector<FieldViolation> bad;
  ValidateDepartment(d, "department", bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  absl::Status status = transactions_.Run([&](Transaction& tx) -> absl::Status {
    if (d.functional()) {
      if (const int64_t below = store_.UsesBelowCounty(tx, d.code()); below > 0) {
        return absl::FailedPreconditionError(absl::StrCat(
            below,
            " active units or rules use this department below county level; change them "
            "first"));
      }
    }
    store_.UpsertDepartment(tx, d);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return directory_.RefreshedVersion();
}

absl::StatusOr<std::vector<v1::DepartmentType>> CatalogueAdmin::ListDepartmentTypes() {
  return transactions_.RunFor<std::vector<v1::DepartmentType>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::DepartmentType>> {
        return store_.Departments(tx);
      });
}

absl::StatusOr<RuleWritten> CatalogueAdmin::UpsertRule(const v1::CatalogueRule& rule) {
  auto stored = transactions_.RunFor<v1::CatalogueRule>(
      [&](Transaction& tx) -> absl::StatusOr<v1::CatalogueRule> {
        DirectoryFacts facts{store_.DepartmentKinds(tx), {}};
        std::vector<FieldViolation> bad;
        ValidateRule(rule, facts, "rule", bad);
        if (!bad.empty()) return InvalidFields(std::move(bad));
        if (rule.id() == 0) return store_.UpsertRule(tx, rule);
        std::optional<v1::CatalogueRule> updated = store_.UpdateRule(tx, rule);
        if (!updated) return absl::NotFoundError("no catalogue rule with this id");
        return *std::move(updated);
      });
  if (!stored.ok()) return stored.status();
  return RuleWritten{*std::move(stored), directory_.RefreshedVersion()};
}

absl::StatusOr<int64_t> CatalogueAdmin::DeactivateRule(int64_t rule_id) {
  if (rule_id <= 0) return InvalidFields({{"rule_id", "is required"}});
  absl::Status status = transactions_.Run([&](Transaction& tx) -> absl::Status {
    if (!store_.DeactivateRule(tx, rule_id)) {
      return absl::NotFoundError("no catalogue rule with this id");
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return directory_.RefreshedVersion();
}

absl::StatusOr<std::vector<v1::CatalogueRule>> CatalogueAdmin::ListRules(bool include_inactive) {
  return transactions_.RunFor<std::vector<v1::CatalogueRule>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::CatalogueRule>> {
        return store_.Rules(tx, include_inactive);
      });
}

}  // namespace hotline::routing
