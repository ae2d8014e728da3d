#include "services/intake/app/catalogue.h"

#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "tests/support/fake_transaction.h"
#include "tests/unit/intake/fakes/fake_intake_stores.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

struct CatalogueFixture {
  CatalogueFixture() { transactions.Track(store); }
  FakeClock clock{absl::FromUnixSeconds(1'800'000'000)};
  testing::FakeCatalogueStore store;
  hotline::testing::FakeTransactionRunner transactions;
  Catalogue catalogue{transactions, store, absl::Seconds(5), clock};
};

v1::Category CategoryOf(const std::string& code) {
  v1::Category c;
  c.set_code(code);
  c.set_name("城市管理");
  c.set_active(true);
  return c;
}

v1::ScopeRule RuleOf(const std::string& reason_code) {
  v1::ScopeRule r;
  r.set_reason_code(reason_code);
  r.set_priority(10);
  r.set_decision(v1::SCOPE_DECISION_NOT_ACCEPTED);
  r.set_reason("涉诉事项");
  r.add_keywords("法院");
  r.set_active(true);
  return r;
}

TEST_CASE("a category upsert is seen at once, despite the cache", "[catalogue]") {
  CatalogueFixture f;
  REQUIRE(f.catalogue.Current().ok());
  REQUIRE(f.catalogue.UpsertCategory(CategoryOf("urban/lighting")).ok());
  auto snapshot = f.catalogue.Current();
  REQUIRE(snapshot.ok());
  CHECK((*snapshot)->categories.contains("urban/lighting"));
  CHECK(f.store.loads() == 2);
}

TEST_CASE("Fresh never loads, Current loads once per ttl", "[catalogue]") {
  CatalogueFixture f;
  CHECK(f.catalogue.Fresh() == nullptr);
  CHECK(f.store.loads() == 0);
  REQUIRE(f.catalogue.Current().ok());
  REQUIRE(f.catalogue.Current().ok());
  CHECK(f.catalogue.Fresh() != nullptr);
  CHECK(f.store.loads() == 1);
  f.clock.Advance(absl::Seconds(5));
  CHECK(f.catalogue.Fresh() == nullptr);
  CHECK(f.store.loads() == 1);
}

TEST_CASE("categories are listed by code", "[catalogue]") {
  CatalogueFixture f;
  for (const char* code : {"urban/water", "education", "urban/lighting"}) {
    REQUIRE(f.catalogue.UpsertCategory(CategoryOf(code)).ok());
  }
  auto categories = f.catalogue.Categories();
  REQUIRE(categories.ok());
  std::vector<std::string> codes;
  for (const auto& c : *categories) codes.push_back(c.code());
  CHECK(codes == std::vector<std::string>{"education", "urban/lighting", "urban/water"});
}

TEST_CASE("a category's problems name their fields and store nothing", "[catalogue]") {
  CatalogueFixture f;
  v1::Category bad = CategoryOf("Urban//Lighting");
  bad.set_name("");
  bad.set_child_protection_emergency(true);
  auto stored = f.catalogue.UpsertCategory(bad);
  CHECK(Fields(stored.status()) == std::vector<std::string>{"category.code", "category.name",
                                                            "category.child_protection_emergency"});
  CHECK(f.transactions.commits() == 0);
}

TEST_CASE("a scope rule upsert decides the next submission", "[catalogue]") {
  CatalogueFixture f;
  REQUIRE(f.catalogue.Current().ok());
  REQUIRE(f.catalogue.UpsertScopeRule(RuleOf("scope.litigation")).ok());
  auto snapshot = f.catalogue.Current();
  REQUIRE(snapshot.ok());
  REQUIRE((*snapshot)->rules.size() == 1);
  ScopeInput input;
  input.category = "urban/lighting";
  input.content = "法院判决不执行";
  CHECK((*snapshot)->scope.Decide(input).reason_code == "scope.litigation");
}

TEST_CASE("a scope rule's problems name their fields", "[catalogue]") {
  CatalogueFixture f;
  v1::ScopeRule bad = RuleOf("Scope Litigation");
  bad.set_decision(v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  bad.add_category_prefixes("Urban/");
  auto stored = f.catalogue.UpsertScopeRule(bad);
  const std::vector<std::string> fields = Fields(stored.status());
  CHECK(std::find(fields.begin(), fields.end(), "rule.reason_code") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "rule.referral_lines") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "rule.category_prefixes[0]") != fields.end());
  CHECK(f.transactions.commits() == 0);
}

}  // namespace
}  // namespace hotline::intake
