#include "tools/knowledge/knowledge_files.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "absl/strings/str_split.h"
#include "services/intake/rules/knowledge_article.h"
#include "services/intake/rules/knowledge_synonyms.h"

namespace hotline::knowledge {
namespace {

namespace v1 = hotline::intake::v1;

TEST_CASE("articles: blocks of fields, blank lines between", "[knowledge-files]") {
  auto articles = ParseArticles(
      "# comment\n\nkey: qa/a\nkind: qa\ntitle: 标题\nquestion: 问题\nbody: 正文：含冒号\n"
      "category: labour\nregion: 53\n\n\nkey: script/b\nkind: script\ntitle: 乙\nbody: 乙文\n");
  REQUIRE(articles.ok());
  REQUIRE(articles->size() == 2);
  const v1::KnowledgeArticle& a = (*articles)[0];
  CHECK(a.key() == "qa/a");
  CHECK(a.kind() == v1::ARTICLE_KIND_QA);
  CHECK(a.body() == "正文：含冒号");
  CHECK(a.category_prefix() == "labour");
  CHECK(a.region_prefix() == "53");
  CHECK((*articles)[1].kind() == v1::ARTICLE_KIND_SCRIPT);
  CHECK((*articles)[1].question().empty());
}

TEST_CASE("articles: every problem is named by its line", "[knowledge-files]") {
  auto bad = ParseArticles(
      "key: qa/a\nkind: faq\ntitle: 甲\nbody: 甲\n\nkey: qa/a\nkind: qa\ntitle: 乙\nbody: "
      "乙\ncolour: red\n"
      "\nkind: qa\ntitle: 丙\n");
  REQUIRE(bad.status().code() == absl::StatusCode::kInvalidArgument);
  const std::string message(bad.status().message());
  INFO(message);
  for (const char* expected :
       {"line 2: kind must be", "line 6: key qa/a repeated", "line 10: unknown field colour",
        "line 12: no key", "line 12: no body"}) {
    CHECK(message.find(expected) != std::string::npos);
  }
}

TEST_CASE("synonyms: groups go both ways, '>' one way", "[knowledge-files]") {
  auto synonyms = ParseSynonyms("# people\n孩子 儿童 娃\n打 > 殴打 虐待\n孩子 > 未成年人\n");
  REQUIRE(synonyms.ok());
  std::map<std::string, std::vector<std::string>> by_term;
  for (const auto& s : *synonyms) by_term[s.term()] = {s.related().begin(), s.related().end()};
  CHECK(by_term["孩子"] == std::vector<std::string>{"儿童", "娃", "未成年人"});
  CHECK(by_term["娃"] == std::vector<std::string>{"孩子", "儿童"});
  CHECK(by_term["打"] == std::vector<std::string>{"殴打", "虐待"});
  CHECK(by_term.count("殴打") == 0);
  CHECK(ParseSynonyms("孤单\n").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(ParseSynonyms("a b > c\n").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(ParseSynonyms("a > \n").status().code() == absl::StatusCode::kInvalidArgument);
}

// The files the suite ships must import cleanly: intake's own checks pass on every article and
// synonym, and every benchmark question names an article that exists.
TEST_CASE("the shipped knowledge base and the benchmark questions are consistent",
          "[knowledge-files]") {
  auto text = ReadFile(HOTLINE_SOURCE_DIR "/deploy/knowledge/articles.txt");
  REQUIRE(text.ok());
  auto articles = ParseArticles(*text);
  INFO(articles.status().ToString());
  REQUIRE(articles.ok());
  CHECK(articles->size() >= 40);
  std::set<std::string> keys;
  for (const v1::KnowledgeArticle& a : *articles) {
    keys.insert(a.key());
    for (const FieldViolation& v : intake::ValidateArticle(a)) {
      FAIL_CHECK(a.key() << ": " << v.field << " " << v.description);
    }
  }
  auto synonyms_text = ReadFile(HOTLINE_SOURCE_DIR "/deploy/knowledge/synonyms.txt");
  REQUIRE(synonyms_text.ok());
  auto synonyms = ParseSynonyms(*synonyms_text);
  REQUIRE(synonyms.ok());
  for (const v1::KnowledgeSynonyms& s : *synonyms) {
    for (const FieldViolation& v :
         intake::ValidateSynonyms({s.term(), {s.related().begin(), s.related().end()}})) {
      FAIL_CHECK(s.term() << ": " << v.field << " " << v.description);
    }
  }
  auto questions = ReadFile(HOTLINE_SOURCE_DIR "/bench/knowledge/questions.tsv");
  REQUIRE(questions.ok());
  int count = 0;
  std::set<std::string> asked;
  for (absl::string_view line : absl::StrSplit(*questions, '\n', absl::SkipEmpty())) {
    if (line[0] == '#') continue;
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    REQUIRE(fields.size() == 2);
    INFO(fields[1]);
    CHECK(keys.count(fields[0]) == 1);
    asked.insert(fields[0]);
    ++count;
  }
  CHECK(count >= 100);
  CHECK(asked.size() == keys.size());  // every article is asked about
}

}  // namespace
}  // namespace hotline::knowledge
