#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "services/intake/app/knowledge_base.h"
#include "tests/support/fake_transaction.h"
#include "tests/unit/intake/fakes/fake_intake_stores.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;

struct KnowledgeFixture {
  KnowledgeFixture() { transactions.Track(store); }
  FakeClock clock{absl::FromUnixSeconds(1'800'000'000)};
  testing::FakeKnowledgeStore store;
  hotline::testing::FakeTransactionRunner transactions;
  KnowledgeBase kb{transactions, store, clock};
};

v1::KnowledgeArticle Article(const std::string& key, const std::string& title,
                             const std::string& body) {
  v1::KnowledgeArticle a;
  a.set_key(key);
  a.set_kind(v1::ARTICLE_KIND_QA);
  a.set_title(title);
  a.set_body(body);
  return a;
}

TEST_CASE("an upsert stores a new version with its terms and author", "[knowledge_admin]") {
  KnowledgeFixture f;
  auto first = f.kb.Upsert(Article("qa/lamp", "路灯不亮", "报修路灯请拨打12345"), "editor-01");
  REQUIRE(first.ok());
  CHECK(first->version() == 1);
  CHECK(FromTimestamp(first->valid_from()) == f.clock.Now());
  auto second = f.kb.Upsert(Article("qa/lamp", "路灯不亮", "夜间也可报修"), "editor-02");
  REQUIRE(second.ok());
  CHECK(second->version() == 2);
  REQUIRE(f.store.versions().size() == 2);
  CHECK(f.store.versions()[0].superseded);
  CHECK(f.store.versions()[1].author == "editor-02");
  const auto& terms = f.store.versions()[1].terms;
  CHECK(std::find(terms.begin(), terms.end(), "路灯") != terms.end());  // a bigram
  CHECK(std::find(terms.begin(), terms.end(), "灯") != terms.end());    // a character
}

TEST_CASE("an invalid article is refused before any transaction", "[knowledge_admin]") {
  KnowledgeFixture f;
  v1::KnowledgeArticle bad = Article("", "", "");
  auto stored = f.kb.Upsert(bad, "editor-01");
  REQUIRE(stored.status().code() == absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(stored.status())) fields.push_back(v.field);
  CHECK(std::find(fields.begin(), fields.end(), "article.key") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "article.title") != fields.end());
  CHECK(f.transactions.commits() + f.transactions.rollbacks() == 0);
}

TEST_CASE("retiring: the key is required, then found once", "[knowledge_admin]") {
  KnowledgeFixture f;
  REQUIRE(f.kb.Upsert(Article("qa/lamp", "路灯不亮", "报修路灯"), "editor-01").ok());
  CHECK(f.kb.Retire("").code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.kb.Retire("qa/lamp").ok());
  CHECK(f.kb.Retire("qa/lamp").code() == absl::StatusCode::kNotFound);
  CHECK(f.kb.Retire("qa/unknown").code() == absl::StatusCode::kNotFound);
}

TEST_CASE("search ranks the store's candidates, retired ones are gone", "[knowledge_admin]") {
  KnowledgeFixture f;
  REQUIRE(f.kb.Upsert(Article("qa/lamp", "路灯不亮怎么办", "报修路灯"), "e").ok());
  REQUIRE(f.kb.Upsert(Article("qa/water", "停水怎么办", "供水报修"), "e").ok());
  auto hits = f.kb.Search({"小区路灯不亮", "", "", 10});
  REQUIRE(hits.ok());
  REQUIRE_FALSE(hits->empty());
  CHECK((*hits)[0].article().key() == "qa/lamp");
  REQUIRE(f.kb.Retire("qa/lamp").ok());
  hits = f.kb.Search({"小区路灯不亮", "", "", 10});
  REQUIRE(hits.ok());
  for (const auto& hit : *hits) CHECK(hit.article().key() != "qa/lamp");
  CHECK(f.kb.Search({"!!!", "", "", 10})->empty());  // no term: nothing to find
}

}  // namespace
}  // namespace hotline::intake
