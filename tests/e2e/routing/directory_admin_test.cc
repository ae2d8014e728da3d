// The directory as data: validation of every row, all-or-nothing imports, roles.
#include <catch2/catch.hpp>

#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"
#include "tests/support/violated_fields.h"

namespace hotline::routing::testing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

using ::hotline::testing::ViolatedFields;

grpc::Status Import(RoutingFixture& f, const v1::ImportDirectoryChunk& chunk,
                    v1::ImportDirectoryResponse* response, const std::string& token) {
  auto context = RoutingFixture::As(token);
  auto writer = f.routing().ImportDirectory(context.get(), response);
  writer->Write(chunk);
  writer->WritesDone();
  return writer->Finish();
}

TEST_CASE("an import with bad rows writes nothing and names every bad row", "[routing]") {
  RoutingFixture f;
  const int64_t units_before = f.Count("SELECT count(*) FROM routing_units");
  v1::ImportDirectoryChunk chunk;
  v1::Unit* good = chunk.add_units();
  good->set_id("530103001-township-government");
  good->set_name("拓东街道办事处");
  good->set_region_code("530103001");
  good->set_department("township-government");
  good->set_active(true);
  v1::Unit* unknown_dept = chunk.add_units();
  *unknown_dept = *good;
  unknown_dept->set_id("530103001-fire-brigade");
  unknown_dept->set_department("fire-brigade");
  v1::Unit* functional_low = chunk.add_units();
  *functional_low = *good;
  functional_low->set_id("530103001-education");
  functional_low->set_department("education");
  v1::Unit* bad_region = chunk.add_units();
  *bad_region = *good;
  bad_region->set_id("x-1");
  bad_region->set_region_code("5301031");
  bad_region->set_parent_id("nobody");
  v1::CatalogueRule* rule = chunk.add_rules();
  rule->set_category_prefix("education/fees");
  rule->set_tier(common::TIER_TOWNSHIP);
  rule->add_departments("education");

  v1::ImportDirectoryResponse response;
  grpc::Status status = Import(f, chunk, &response, f.admin);
  REQUIRE(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<std::string> fields = ViolatedFields(status);
  CHECK(fields == std::vector<std::string>{"units[1].department", "units[2].department",
                                           "units[3].region_code", "units[3].parent_id",
                                           "rules[0].departments[0]"});
  CHECK(f.Count("SELECT count(*) FROM routing_units") == units_before);

  // Only operators import.
  CHECK(Import(f, chunk, &response, f.supervisor).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("a replacing import deactivates what it does not carry", "[routing]") {
  RoutingFixture f;
  v1::ImportDirectoryChunk chunk;
  chunk.set_replace(true);
  v1::Unit* u = chunk.add_units();
  u->set_id("5301-water-supply");
  u->set_name("昆明市供水公司");
  u->set_region_code("530100000000");  // padded codes are stored in their short form
  u->set_department("water-supply");
  u->set_active(true);
  v1::ImportDirectoryResponse response;
  grpc::Status status = Import(f, chunk, &response, f.admin);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(response.units() == 1);
  CHECK(response.deactivated_units() == 13);
  CHECK(response.deactivated_rules() == 0);  // the import carried no rules
  CHECK(f.Count("SELECT count(*) FROM routing_units WHERE active") == 1);
  v1::GetUnitRequest get;
  get.set_unit_id("5301-water-supply");
  v1::GetUnitResponse got;
  REQUIRE(f.routing().GetUnit(RoutingFixture::As(f.admin).get(), get, &got).ok());
  CHECK(got.unit().region_code() == "5301");
  CHECK(got.unit().tier() == common::TIER_PREFECTURE);
  CHECK(got.unit().name() == "昆明市供水公司");

  // Now Wuhua has no units: its tickets wait for the office.
  const std::string number = f.Submit("education/fees", "530102");
  REQUIRE(::hotline::testing::PollUntil(absl::Seconds(20), [&] {
    return f.Count("SELECT count(*) FROM routing_manual_queue") == 1;
  }));
}

TEST_CASE("an import larger than its cap is refused and writes nothing", "[routing][abuse]") {
  RoutingFixture f(1, {"--directory_import_max_bytes=4096"});
  const int64_t units_before = f.Count("SELECT count(*) FROM routing_units");
  v1::ImportDirectoryChunk chunk;
  for (int i = 0; i < 20; ++i) {
    v1::Unit* u = chunk.add_units();
    u->set_id("530103001-township-government-" + std::to_string(i));
    u->set_name("拓东街道办事处");
    u->set_region_code("530103001");
    u->set_department("township-government");
    u->set_active(true);
  }
  REQUIRE(chunk.ByteSizeLong() < 4096);
  REQUIRE(chunk.ByteSizeLong() * 3 > 4096);
  auto context = RoutingFixture::As(f.admin);
  v1::ImportDirectoryResponse response;
  auto writer = f.routing().ImportDirectory(context.get(), &response);
  for (int i = 0; i < 3; ++i) writer->Write(chunk);  // the server may stop reading: no REQUIRE
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  CHECK(status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED);
  CHECK(status.error_message().find("directory_import_max_bytes") != std::string::npos);
  CHECK(f.Count("SELECT count(*) FROM routing_units") == units_before);

  // Within the cap, the same rows import.
  const grpc::Status small = Import(f, chunk, &response, f.admin);
  INFO(small.error_message());
  CHECK(small.ok());
}

TEST_CASE("single edits are validated like imports", "[routing]") {
  RoutingFixture f;
  v1::UpsertUnitRequest unit;
  unit.mutable_unit()->set_id("530102001-civil-affairs");
  unit.mutable_unit()->set_name("民政所");
  unit.mutable_unit()->set_region_code("530102001");
  unit.mutable_unit()->set_department("civil-affairs");
  v1::UpsertUnitResponse upserted;
  grpc::Status status = f.routing().UpsertUnit(RoutingFixture::As(f.admin).get(), unit, &upserted);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == std::vector<std::string>{"unit.department"});

  unit.mutable_unit()->set_department("township-government");
  unit.mutable_unit()->set_parent_id("530102-civil-affairs");
  CHECK(f.routing()
            .UpsertUnit(RoutingFixture::As(f.supervisor).get(), unit, &upserted)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  REQUIRE(f.routing().UpsertUnit(RoutingFixture::As(f.admin).get(), unit, &upserted).ok());
  CHECK(upserted.unit().active());
  CHECK(upserted.unit().tier() == common::TIER_TOWNSHIP);

  // Making a department functional while units below county use it is refused.
  v1::UpsertDepartmentTypeRequest dept;
  dept.mutable_department()->set_code("township-government");
  dept.mutable_department()->set_name("乡镇人民政府");
  dept.mutable_department()->set_functional(true);
  v1::UpsertDepartmentTypeResponse dept_response;
  CHECK(f.routing()
            .UpsertDepartmentType(RoutingFixture::As(f.admin).get(), dept, &dept_response)
            .error_code() == grpc::StatusCode::FAILED_PRECONDITION);

  v1::UpsertCatalogueRuleRequest rule;
  rule.mutable_rule()->set_category_prefix("Education//x");
  rule.mutable_rule()->set_region_prefix("99");
  rule.mutable_rule()->set_tier(common::TIER_COUNTY);
  v1::UpsertCatalogueRuleResponse rule_response;
  status = f.routing().UpsertCatalogueRule(RoutingFixture::As(f.admin).get(), rule, &rule_response);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) ==
        std::vector<std::string>{"rule.category_prefix", "rule.region_prefix", "rule.departments"});
  v1::ListCatalogueRulesResponse rules;
  REQUIRE(f.routing().ListCatalogueRules(RoutingFixture::As(f.supervisor).get(), {}, &rules).ok());
  CHECK(rules.rules_size() == 4);
}

}  // namespace
}  // namespace hotline::routing::testing
