#include "services/routing/app/unit_admin.h"

#include "libs/common/field_violations.h"
#include "services/routing/app/directory_validation.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;

absl::StatusOr<UnitWritten> UnitAdmin::Upsert(const v1::Unit& unit) {
  auto stored = transactions_.RunFor<v1::Unit>([&](Transaction& tx) -> absl::StatusOr<v1::Unit> {
    DirectoryFacts facts{store_.DepartmentKinds(tx), {}};
    for (std::string& id : store_.ExistingUnitIds(tx, {unit.parent_id()})) {
      facts.unit_ids.insert(std::move(id));
    }
    std::vector<FieldViolation> bad;
    ValidateUnit(unit, facts, "unit", bad);
    if (!bad.empty()) return InvalidFields(std::move(bad));
    return store_.UpsertUnit(tx, unit);
  });
  if (!stored.ok()) return stored.status();
  return UnitWritten{*std::move(stored), directory_.RefreshedVersion()};
}

absl::StatusOr<int64_t> UnitAdmin::Deactivate(const std::string& unit_id) {
  if (unit_id.empty()) return InvalidFields({{"unit_id", "is required"}});
  absl::Status status = transactions_.Run([&](Transaction& tx) -> absl::Status {
    if (!store_.DeactivateUnit(tx, unit_id)) return absl::NotFoundError("no such unit");
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return directory_.RefreshedVersion();
}

absl::StatusOr<v1::Unit> UnitAdmin::Get(const std::string& unit_id) {
  if (unit_id.empty()) return InvalidFields({{"unit_id", "is required"}});
  return transactions_.RunFor<v1::Unit>([&](Transaction& tx) -> absl::StatusOr<v1::Unit> {
    std::optional<v1::Unit> unit = store_.GetUnit(tx, unit_id);
    if (!unit) return absl::NotFoundError("no such unit");
    return *std::move(unit);
  });
}

}  // namespace hotline::routing
