#include "services/intake/app/knowledge_base.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "tests/integration/intake/knowledge_recall_set.h"
#include "tests/support/scratch_database.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;

v1::KnowledgeArticle Article(const std::string& key, const std::string& title,
                             const std::string& body) {
  v1::KnowledgeArticle a;
  a.set_key(key);
  a.set_kind(v1::ARTICLE_KIND_QA);
  a.set_title(title);
  a.set_body(body);
  return a;
}

struct Fixture {
  Fixture()
      : pool({.url = db.url(), .size = 8}),
        clock(absl::FromUnixSeconds(1795000000)),  // 2026-11-18
        transactions(pool),
        kb(transactions, store, clock) {}

  v1::KnowledgeArticle Upsert(const v1::KnowledgeArticle& article) {
    auto stored = kb.Upsert(article, "editor-01");
    INFO(stored.status().ToString());
    REQUIRE(stored.ok());
    return *stored;
  }

  absl::Status Retire(const std::string& key) { return kb.Retire(key); }

  std::vector<v1::KnowledgeHit> Hits(const KnowledgeQuery& query) {
    absl::StatusOr<std::vector<v1::KnowledgeHit>> hits = kb.Search(query);
    INFO(hits.status().ToString());
    REQUIRE(hits.ok());
    return *std::move(hits);
  }

  // Keys found for `text`, best first.
  std::vector<std::string> Keys(const std::string& text, const std::string& region = "",
                                const std::string& category = "") {
    std::vector<std::string> keys;
    for (const auto& hit : Hits({text, region, category, 10})) keys.push_back(hit.article().key());
    return keys;
  }

  int64_t Count(const std::string& sql) { return db.Count(sql); }

  testing::ScratchDatabase db;
  pg::PgPool pool;
  FakeClock clock;
  pg::PgTransactionRunner transactions;
  PgKnowledgeStore store;
  KnowledgeBase kb;
};

using Keys = std::vector<std::string>;

TEST_CASE("upsert creates version 1, then versions that supersede", "[knowledge]") {
  Fixture f;
  v1::KnowledgeArticle first = f.Upsert(Article("qa/water", "停水怎么办", "联系供水企业抢修"));
  CHECK(first.version() == 1);
  CHECK(first.title() == "停水怎么办");
  CHECK(!first.retired());
  CHECK(first.valid_from().seconds() == absl::ToUnixSeconds(f.clock.Now()));
  CHECK(!first.has_valid_until());
  CHECK(f.Keys("停水") == Keys{"qa/water"});

  v1::KnowledgeArticle next = Article("qa/water", "停水怎么办", "拨打供水热线报修");
  next.set_version(7);  // ignored: the store numbers versions
  CHECK(f.Upsert(next).version() == 2);
  CHECK(f.Upsert(next).version() == 3);
  CHECK(f.Count("SELECT count(*) FROM intake_knowledge_articles") == 3);
  CHECK(f.Count("SELECT count(*) FROM intake_knowledge_articles WHERE superseded_at IS NULL") == 1);
  // Only the current text is found: nothing of "企业" is left in it, word or character.
  CHECK(f.Keys("企业").empty());
  auto hits = f.Hits({"供水热线", "", "", 10});
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].article().version() == 3);
  CHECK(hits[0].score() > 0);
}

TEST_CASE("retire hides the article, NOT_FOUND when unknown or retired", "[knowledge]") {
  Fixture f;
  f.Upsert(Article("qa/power", "停电报修", "拨打95598"));
  CHECK(f.Retire("qa/power").ok());
  CHECK(f.Keys("停电报修").empty());
  CHECK(f.Retire("qa/power").code() == absl::StatusCode::kNotFound);
  CHECK(f.Retire("qa/unknown").code() == absl::StatusCode::kNotFound);
  // Upserting a retired key brings it back with the next version.
  v1::KnowledgeArticle back = f.Upsert(Article("qa/power", "停电报修", "拨打95598"));
  CHECK(back.version() == 2);
  CHECK(!back.retired());
  CHECK(f.Keys("停电报修") == Keys{"qa/power"});
}

TEST_CASE("only articles valid now are found", "[knowledge]") {
  Fixture f;
  const absl::Time now = f.clock.Now();
  v1::KnowledgeArticle future = Article("policy/future", "新的供暖补贴", "明年起执行");
  *future.mutable_valid_from() = ToTimestamp(now + absl::Hours(24));
  v1::KnowledgeArticle expiring = Article("policy/expiring", "旧的供暖补贴", "今年底到期");
  *expiring.mutable_valid_from() = ToTimestamp(now - absl::Hours(24));
  *expiring.mutable_valid_until() = ToTimestamp(now + absl::Hours(1));
  CHECK(f.Upsert(future).valid_from().seconds() == absl::ToUnixSeconds(now) + 86400);
  CHECK(f.Upsert(expiring).valid_until().seconds() == absl::ToUnixSeconds(now) + 3600);

  CHECK(f.Keys("供暖补贴") == Keys{"policy/expiring"});
  f.clock.Advance(absl::Hours(1));  // valid_until is exclusive
  CHECK(f.Keys("供暖补贴").empty());
  f.clock.Advance(absl::Hours(23));  // valid_from is inclusive
  CHECK(f.Keys("供暖补贴") == Keys{"policy/future"});
}

TEST_CASE("region prefixes apply to the divisions inside them", "[knowledge]") {
  Fixture f;
  v1::KnowledgeArticle kunming = Article("qa/km", "昆明市公积金提取", "昆明的规定");
  kunming.set_region_prefix("5301");
  v1::KnowledgeArticle yunnan = Article("qa/yn", "云南省公积金提取", "全省的规定");
  yunnan.set_region_prefix("53");
  f.Upsert(kunming);
  f.Upsert(yunnan);
  f.Upsert(Article("qa/cn", "全国公积金提取", "国家的规定"));

  auto [region, expected] = GENERATE(table<std::string, Keys>({
      {"530102", {"qa/cn", "qa/km", "qa/yn"}},
      {"530102000000", {"qa/cn", "qa/km", "qa/yn"}},  // padded: the same place
      {"5301", {"qa/cn", "qa/km", "qa/yn"}},
      {"5303", {"qa/cn", "qa/yn"}},
      {"53", {"qa/cn", "qa/yn"}},
      {"1502", {"qa/cn"}},
      {"", {"qa/cn", "qa/km", "qa/yn"}},  // anywhere
  }));
  Keys found = f.Keys("公积金提取", region);
  std::sort(found.begin(), found.end());
  INFO("region " << region);
  CHECK(found == expected);
}

TEST_CASE("the caller's category raises the articles it falls under, at segment boundaries",
          "[knowledge]") {
  Fixture f;
  v1::KnowledgeArticle minor = Article("qa/minor", "儿童保护求助", "未成年人保护");
  minor.set_category_prefix("minor-protection");
  v1::KnowledgeArticle abuse = Article("qa/abuse", "儿童保护虐待", "强制报告");
  abuse.set_category_prefix("minor-protection/abuse");
  f.Upsert(minor);
  f.Upsert(abuse);
  f.Upsert(Article("qa/any", "儿童保护热线", "12349"));

  // The articles raised come first; the others follow (a boost, not a filter).
  auto [category, raised] = GENERATE(table<std::string, Keys>({
      {"minor-protection/abuse", {"qa/abuse", "qa/minor"}},
      {"minor-protection/abuse/sexual", {"qa/abuse", "qa/minor"}},
      {"minor-protection/abusex", {"qa/minor"}},
      {"minor-protection", {"qa/minor"}},
      {"minor-protectionx", {}},
      {"public-utilities/water", {}},
      {"", {}},
  }));
  Keys found = f.Keys("儿童保护", "", category);
  INFO("category " << category);
  REQUIRE(found.size() == 3);
  Keys first(found.begin(), found.begin() + raised.size());
  std::sort(first.begin(), first.end());
  CHECK(first == raised);
}

TEST_CASE("search limits, empty queries and quoting", "[knowledge]") {
  Fixture f;
  for (int i = 0; i < 12; ++i) {
    f.Upsert(Article(absl::StrCat("qa/n", i), absl::StrCat("医保报销第", i, "条"), "医保"));
  }
  CHECK(f.Hits({"医保报销", "", "", 0}).size() == 10);  // default
  CHECK(f.Hits({"医保报销", "", "", 3}).size() == 3);
  CHECK(f.Hits({"医保报销", "", "", 500}).size() == 12);
  CHECK(f.Hits({"", "", "", 10}).empty());
  CHECK(f.Hits({"？！。", "", "", 10}).empty());
  // Characters with a meaning in array literals and SQL reach the database only as data.
  CHECK(f.Hits({"\"{医保}\", 'x' \\ NULL", "", "", 10}).size() == 10);
}

TEST_CASE("racing upserts of one key leave one current version", "[knowledge]") {
  Fixture f;
  constexpr int kWriters = 8;
  std::vector<int> versions;
  // First a key nobody has written (no row to lock), then one that has a current version.
  for (int round = 0; round < 2; ++round) {
    std::vector<absl::StatusOr<v1::KnowledgeArticle>> results(kWriters,
                                                              absl::UnknownError("not run"));
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
      writers.emplace_back([&f, &results, i] {
        results[i] = f.kb.Upsert(Article("qa/race", "并发写入", absl::StrCat("版本", i)), "w");
      });
    }
    for (std::thread& t : writers) t.join();
    for (const auto& r : results) {
      INFO(r.status().ToString());
      CHECK((r.ok() || r.status().code() == absl::StatusCode::kAborted));
      if (r.ok()) versions.push_back(r->version());
    }
    CHECK(f.Count("SELECT count(*) FROM intake_knowledge_articles WHERE article_key = 'qa/race' "
                  "AND superseded_at IS NULL") == 1);
  }
  std::sort(versions.begin(), versions.end());
  CHECK(std::adjacent_find(versions.begin(), versions.end()) == versions.end());
  CHECK(f.Count("SELECT max(version) FROM intake_knowledge_articles") ==
        static_cast<int64_t>(versions.size()));
}

TEST_CASE("ValidateArticle lists every problem", "[knowledge]") {
  const absl::Time t = absl::FromUnixSeconds(1795000000);
  auto [name, edit, fields] =
      GENERATE_COPY(table<std::string, std::function<void(v1::KnowledgeArticle&)>, Keys>({
          {"valid", [](v1::KnowledgeArticle&) {}, {}},
          {"no key", [](v1::KnowledgeArticle& a) { a.clear_key(); }, {"article.key"}},
          {"upper-case key", [](v1::KnowledgeArticle& a) { a.set_key("QA/x"); }, {"article.key"}},
          {"key with space", [](v1::KnowledgeArticle& a) { a.set_key("qa x"); }, {"article.key"}},
          {"key too long",
           [](v1::KnowledgeArticle& a) { a.set_key(std::string(201, 'a')); },
           {"article.key"}},
          {"key of 200", [](v1::KnowledgeArticle& a) { a.set_key(std::string(200, 'a')); }, {}},
          {"no kind",
           [](v1::KnowledgeArticle& a) { a.set_kind(v1::ARTICLE_KIND_UNSPECIFIED); },
           {"article.kind"}},
          {"unknown kind",
           [](v1::KnowledgeArticle& a) { a.set_kind(static_cast<v1::ArticleKind>(9)); },
           {"article.kind"}},
          {"no title", [](v1::KnowledgeArticle& a) { a.clear_title(); }, {"article.title"}},
          {"title of 200 Han",
           [](v1::KnowledgeArticle& a) {
             std::string s;
             for (int i = 0; i < 200; ++i) s += "字";
             a.set_title(s);
           },
           {}},
          {"title of 201",
           [](v1::KnowledgeArticle& a) { a.set_title(std::string(201, 'x')); },
           {"article.title"}},
          {"no body", [](v1::KnowledgeArticle& a) { a.clear_body(); }, {"article.body"}},
          {"body too long",
           [](v1::KnowledgeArticle& a) { a.set_body(std::string(20001, 'x')); },
           {"article.body"}},
          {"question too long",
           [](v1::KnowledgeArticle& a) { a.set_question(std::string(1001, 'x')); },
           {"article.question"}},
          {"bad UTF-8 body", [](v1::KnowledgeArticle& a) { a.set_body("\xFF"); }, {"article.body"}},
          {"bad category",
           [](v1::KnowledgeArticle& a) { a.set_category_prefix("Minor/"); },
           {"article.category_prefix"}},
          {"category", [](v1::KnowledgeArticle& a) { a.set_category_prefix("minor-protection/abuse"); },
           {}},
          {"padded region",
           [](v1::KnowledgeArticle& a) { a.set_region_prefix("530100"); },
           {"article.region_prefix"}},
          {"bad region",
           [](v1::KnowledgeArticle& a) { a.set_region_prefix("99"); },
           {"article.region_prefix"}},
          {"region", [](v1::KnowledgeArticle& a) { a.set_region_prefix("530102"); }, {}},
          {"until before from",
           [t](v1::KnowledgeArticle& a) {
             *a.mutable_valid_from() = ToTimestamp(t);
             *a.mutable_valid_until() = ToTimestamp(t);
           },
           {"article.valid_until"}},
          {"several",
           [](v1::KnowledgeArticle& a) {
             a.clear_key();
             a.clear_title();
             a.set_region_prefix("5");
           },
           {"article.key", "article.title", "article.region_prefix"}},
      }));
  v1::KnowledgeArticle article = Article("qa/school-enrolment", "随迁子女入学", "居住证");
  edit(article);
  Keys found;
  for (const FieldViolation& v : ValidateArticle(article)) found.push_back(v.field);
  INFO(name);
  CHECK(found == fields);
}

// Recall of the ranking on callers' own words: every article of the set is loaded, every
// caller question asked, and the rank of the article it should find is recorded.
TEST_CASE("knowledge recall on caller questions", "[knowledge][recall]") {
  Fixture f;
  for (const recall::RecallPair& pair : recall::kRecallSet) {
    v1::KnowledgeArticle a =
        Article(std::string(pair.key), std::string(pair.title), std::string(pair.body));
    a.set_kind(static_cast<v1::ArticleKind>(pair.kind));
    a.set_question(std::string(pair.question));
    a.set_category_prefix(std::string(pair.category_prefix));
    f.Upsert(a);
  }
  int at1 = 0;
  int at3 = 0;
  double reciprocal = 0;
  std::vector<double> right_top;  // QuestionCoverage of the top hit when it is right, and not
  std::vector<double> wrong_top;
  for (const recall::RecallPair& pair : recall::kRecallSet) {
    const auto hits = f.Hits({std::string(pair.caller_question), "", "", 10});
    int rank = 0;
    for (size_t i = 0; i < hits.size() && rank == 0; ++i) {
      if (hits[i].article().key() == pair.key) rank = static_cast<int>(i) + 1;
    }
    at1 += rank == 1;
    at3 += rank >= 1 && rank <= 3;
    if (rank > 0) reciprocal += 1.0 / rank;
    if (!hits.empty())
      (rank == 1 ? right_top : wrong_top)
          .push_back(QuestionCoverage(hits[0].article(), pair.caller_question));
    if (rank != 1) {
      std::printf("  rank %s for %.*s (top: %s): %.*s\n",
                  rank == 0 ? "-" : std::to_string(rank).c_str(), static_cast<int>(pair.key.size()),
                  pair.key.data(), hits.empty() ? "none" : hits[0].article().key().c_str(),
                  static_cast<int>(pair.caller_question.size()), pair.caller_question.data());
    }
  }
  const auto median = [](std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double n = std::size(recall::kRecallSet);
  const double recall1 = at1 / n;
  const double recall3 = at3 / n;
  const double mrr = reciprocal / n;
  std::printf(
      "knowledge recall over %d questions: recall@1 %.3f, recall@3 %.3f, MRR@10 %.3f; "
      "top hit's question coverage: median %.2f when right, %.2f when wrong\n",
      static_cast<int>(n), recall1, recall3, mrr, median(right_top), median(wrong_top));
  for (auto* list : {&right_top, &wrong_top}) {
    std::sort(list->begin(), list->end());
    std::printf("  coverage when %s:", list == &right_top ? "right" : "wrong");
    for (double c : *list) std::printf(" %.2f", c);
    std::printf("\n");
  }
  WARN("recall@1 " << recall1 << ", recall@3 " << recall3 << ", MRR@10 " << mrr);
  CHECK(n >= 50);
  // SubmitTicket answers automatically from QuestionCoverage 0.4: on this set that never picks a
  // wrong article.
  CHECK((wrong_top.empty() || wrong_top.back() < 0.4));
  // Measured 0.721 / 0.918 / 0.810; the floors leave room for four or five questions.
  CHECK(recall1 >= 0.65);
  CHECK(recall3 >= 0.85);
  CHECK(mrr >= 0.75);
}

}  // namespace
}  // namespace hotline::intake
