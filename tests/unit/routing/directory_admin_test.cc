// The directory's administration (units, department types, rules, the import) on fakes.
#include <catch2/catch.hpp>

#include "services/routing/app/catalogue_admin.h"
#include "services/routing/app/directory_import.h"
#include "services/routing/app/unit_admin.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

v1::DepartmentType Department(const std::string& code, bool functional) {
  v1::DepartmentType d;
  d.set_code(code);
  d.set_name(code);
  d.set_functional(functional);
  return d;
}

v1::Unit Unit(const std::string& id, const std::string& region, const std::string& department) {
  v1::Unit u;
  u.set_id(id);
  u.set_name(id);
  u.set_region_code(region);
  u.set_department(department);
  u.set_active(true);
  return u;
}

v1::CatalogueRule Rule(const std::string& category, common::Tier tier,
                       std::vector<std::string> departments) {
  v1::CatalogueRule r;
  r.set_category_prefix(category);
  r.set_tier(tier);
  for (std::string& d : departments) r.add_departments(std::move(d));
  r.set_priority(100);
  return r;
}

struct AdminWorld {
  AdminWorld() {
    transactions.Track(store);
    Transaction tx;
    store.UpsertDepartment(tx, Department("education", true));
    store.UpsertDepartment(tx, Department("village-committee", false));
  }
  RoutingWorld world;
  FakeTransactionRunner transactions;
  FakeDirectoryStore store;
  routing::UnitAdmin units{transactions, store, world.directory};
  routing::CatalogueAdmin catalogue{transactions, store, world.directory};
  routing::DirectoryImporter importer{transactions, store, world.directory};
};

TEST_CASE("UpsertUnit names each bad field under unit.", "[directory_admin]") {
  AdminWorld admin;
  v1::Unit bad = Unit("-bad id", "5301029", "no-such-department");
  bad.set_parent_id("missing");
  bad.add_contact_roles("Bad Role");
  auto refused = admin.units.Upsert(bad);
  CHECK(ViolatedFields(refused.status()) ==
        std::vector<std::string>{"unit.id", "unit.region_code", "unit.department", "unit.parent_id",
                                 "unit.contact_roles[0]"});
  CHECK(admin.store.unit_count() == 0);

  auto functional_below_county =
      admin.units.Upsert(Unit("530102001-education", "530102001", "education"));
  CHECK(ViolatedFields(functional_below_county.status()) ==
        std::vector<std::string>{"unit.department"});
}

TEST_CASE("UpsertUnit stores the unit and answers the directory version", "[directory_admin]") {
  AdminWorld admin;
  admin.world.source.Bump();
  auto written = admin.units.Upsert(Unit("530102-education", "530102", "education"));
  REQUIRE(written.ok());
  CHECK(written->unit.tier() == common::TIER_COUNTY);
  CHECK(written->unit.active());
  CHECK(written->directory_version == 2);
  CHECK(admin.units.Get("530102-education").ok());
  CHECK(admin.units.Get("nobody").status().code() == absl::StatusCode::kNotFound);
  CHECK(admin.units.Deactivate("nobody").status().code() == absl::StatusCode::kNotFound);
  CHECK(ViolatedFields(admin.units.Deactivate("").status()) == std::vector<std::string>{"unit_id"});
}

TEST_CASE("UpsertCatalogueRule checks departments and tiers", "[directory_admin]") {
  AdminWorld admin;
  auto refused = admin.catalogue.UpsertRule(
      Rule("Education//x", common::TIER_TOWNSHIP, {"education", "unknown", "education"}));
  CHECK(ViolatedFields(refused.status()) ==
        std::vector<std::string>{"rule.category_prefix", "rule.departments[0]",
                                 "rule.departments[1]", "rule.departments[2]"});
  auto stored = admin.catalogue.UpsertRule(Rule("education", common::TIER_COUNTY, {"education"}));
  REQUIRE(stored.ok());
  CHECK(stored->rule.id() != 0);
  v1::CatalogueRule missing = Rule("education", common::TIER_COUNTY, {"education"});
  missing.set_id(99);
  CHECK(admin.catalogue.UpsertRule(missing).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("A department becomes functional only with nothing of it below county",
          "[directory_admin]") {
  AdminWorld admin;
  REQUIRE(admin.units.Upsert(Unit("530102001-vc", "530102001", "village-committee")).ok());
  auto refused = admin.catalogue.UpsertDepartmentType(Department("village-committee", true));
  CHECK(refused.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(ViolatedFields(admin.catalogue.UpsertDepartmentType(Department("Bad", false)).status()) ==
        std::vector<std::string>{"department.code"});
}

TEST_CASE("ImportDirectory validates every row before writing any", "[directory_admin]") {
  AdminWorld admin;
  const v1::DepartmentType dept = Department("civil-affairs", false);
  const v1::Unit good = Unit("530102-civil-affairs", "530102", "civil-affairs");
  const v1::Unit twice = Unit("530102-civil-affairs", "530102", "civil-affairs");
  const v1::Unit unknown = Unit("530102-x", "530102", "unknown");
  const v1::CatalogueRule rule = Rule("housing", common::TIER_COUNTY, {"civil-affairs"});
  routing::DirectoryImport rows;
  rows.departments = {&dept};
  rows.units = {&good, &twice, &unknown};
  rows.rules = {&rule};
  auto refused = admin.importer.Import(rows);
  CHECK(ViolatedFields(refused.status()) ==
        std::vector<std::string>{"units[1].id", "units[2].department"});
  CHECK(admin.store.unit_count() == 0);

  rows.units = {&good};
  auto imported = admin.importer.Import(rows);
  REQUIRE(imported.ok());
  CHECK(imported->departments == 1);
  CHECK(imported->units == 1);
  CHECK(imported->rules == 1);
  CHECK(admin.store.unit_count() == 1);

  CHECK(ViolatedFields(admin.importer.Import({}).status()) == std::vector<std::string>{"chunks"});
}

}  // namespace
}  // namespace hotline::testing
