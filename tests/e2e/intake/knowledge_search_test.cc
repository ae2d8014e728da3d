// The knowledge base the suite ships, searched through the real hotline-intake: the articles and
// synonyms of deploy/knowledge/ imported through the office's RPCs, as hotline-knowledge does.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/test_env.h"
#include "tools/knowledge/knowledge_files.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::UniqueName;

std::string Read(const std::string& relative) {
  auto text = knowledge::ReadFile(std::string(HOTLINE_SOURCE_DIR) + "/" + relative);
  REQUIRE(text.ok());
  return *text;
}

// Imports deploy/knowledge/ as the office.
void ImportShippedBase(IntakeFixture& f) {
  auto articles = knowledge::ParseArticles(Read("deploy/knowledge/articles.txt"));
  auto synonyms = knowledge::ParseSynonyms(Read("deploy/knowledge/synonyms.txt"));
  REQUIRE(articles.ok());
  REQUIRE(synonyms.ok());
  for (const v1::KnowledgeArticle& a : *articles) {
    v1::UpsertKnowledgeArticleRequest request;
    *request.mutable_article() = a;
    v1::UpsertKnowledgeArticleResponse response;
    grpc::Status status =
        f.stub().UpsertKnowledgeArticle(f.As(f.supervisor).get(), request, &response);
    INFO(a.key() << ": " << status.error_message());
    REQUIRE(status.ok());
  }
  for (const v1::KnowledgeSynonyms& s : *synonyms) {
    v1::SetKnowledgeSynonymsRequest request;
    *request.mutable_synonyms() = s;
    v1::SetKnowledgeSynonymsResponse response;
    grpc::Status status =
        f.stub().SetKnowledgeSynonyms(f.As(f.supervisor).get(), request, &response);
    INFO(s.term() << ": " << status.error_message());
    REQUIRE(status.ok());
  }
}

std::vector<std::string> Keys(IntakeFixture& f, const std::string& query,
                              const std::string& category = "") {
  v1::SearchKnowledgeRequest request;
  request.set_query(query);
  request.set_category(category);
  v1::SearchKnowledgeResponse response;
  grpc::Status status =
      f.stub().SearchKnowledge(f.As(f.frontend_kunming).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  std::vector<std::string> keys;
  for (const v1::KnowledgeHit& hit : response.hits()) keys.push_back(hit.article().key());
  return keys;
}

TEST_CASE("the shipped knowledge base answers callers' questions through hotline-intake",
          "[intake][knowledge]") {
  IntakeFixture f({"--rate_limits=supervisor=0,frontend=0"});  // some 400 calls in a few seconds
  ImportShippedBase(f);
  int at1 = 0, at3 = 0, n = 0;
  for (absl::string_view line :
       absl::StrSplit(Read("bench/knowledge/questions.tsv"), '\n', absl::SkipEmpty())) {
    if (line[0] == '#') continue;
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    REQUIRE(fields.size() == 2);
    const std::vector<std::string> keys = Keys(f, fields[1]);
    ++n;
    at1 += !keys.empty() && keys[0] == fields[0];
    for (size_t i = 0; i < keys.size() && i < 3; ++i) at3 += keys[i] == fields[0];
  }
  std::printf(
      "shipped knowledge base through hotline-intake: recall@1 %.3f, recall@3 %.3f over "
      "%d questions\n",
      static_cast<double>(at1) / n, static_cast<double>(at3) / n, n);
  // The benchmark's figures (bench/knowledge: 0.746 and 0.857), less a few questions' room;
  // short of the targets (0.85, 0.97).
  CHECK(at1 >= 0.70 * n);
  CHECK(at3 >= 0.82 * n);

  // Callers' words, none of them the article's: the article is among the first three.
  for (const auto& [question, key] : std::vector<std::pair<std::string, std::string>>{
           {"孩子被打了找谁", "child/abuse-report-anyone"},
           {"老板三个月不发工资怎么办", "labour/wage-arrears"},
           {"打12345能反映什么", "scope/what-12345-accepts"},
       }) {
    INFO(question);
    std::vector<std::string> keys = Keys(f, question);
    keys.resize(std::min<size_t>(keys.size(), 3));
    CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
  }
  // The caller's category raises its articles without hiding the others.
  const std::vector<std::string> keys = Keys(f, "工资", "labour/wage-arrears");
  REQUIRE(keys.size() >= 2);
  CHECK(keys[0].rfind("labour/", 0) == 0);
}

TEST_CASE("the office edits the synonyms for the whole instance", "[intake][knowledge]") {
  IntakeFixture f;
  v1::UpsertKnowledgeArticleRequest upsert;
  v1::KnowledgeArticle* a = upsert.mutable_article();
  a->set_key("qa/heating");
  a->set_kind(v1::ARTICLE_KIND_QA);
  a->set_title("供热不足报修");
  a->set_body("室温不达标可以向供热企业报修。");
  v1::UpsertKnowledgeArticleResponse stored;
  REQUIRE(f.stub().UpsertKnowledgeArticle(f.As(f.supervisor).get(), upsert, &stored).ok());
  CHECK(Keys(f, "暖气冰凉").empty());

  v1::SetKnowledgeSynonymsRequest set;
  set.mutable_synonyms()->set_term("暖气");
  set.mutable_synonyms()->add_related("供热");
  v1::SetKnowledgeSynonymsResponse response;
  CHECK(
      f.stub().SetKnowledgeSynonyms(f.As(f.frontend_kunming).get(), set, &response).error_code() ==
      grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.stub()
            .SetKnowledgeSynonyms(f.As(f.Token("supervisor", "5301")).get(), set, &response)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);  // not the whole instance
  v1::SetKnowledgeSynonymsRequest bad = set;
  bad.mutable_synonyms()->add_related("暖气");
  grpc::Status refused = f.stub().SetKnowledgeSynonyms(f.As(f.supervisor).get(), bad, &response);
  CHECK(refused.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(refused.error_message().find("synonyms.related[1]") != std::string::npos);

  REQUIRE(f.stub().SetKnowledgeSynonyms(f.As(f.supervisor).get(), set, &response).ok());
  CHECK(response.synonyms().term() == "暖气");
  CHECK(Keys(f, "暖气冰凉") == std::vector<std::string>{"qa/heating"});
  v1::ListKnowledgeSynonymsResponse list;
  REQUIRE(f.stub().ListKnowledgeSynonyms(f.As(f.admin).get(), {}, &list).ok());
  REQUIRE(list.synonyms_size() == 1);
  CHECK(list.synonyms(0).related(0) == "供热");

  set.mutable_synonyms()->clear_related();  // removes the term
  REQUIRE(f.stub().SetKnowledgeSynonyms(f.As(f.supervisor).get(), set, &response).ok());
  CHECK(Keys(f, "暖气冰凉").empty());
}

TEST_CASE(
    "a consultation answered from the knowledge base shows the article version on its "
    "timeline",
    "[intake][knowledge]") {
  IntakeFixture f;
  v1::UpsertKnowledgeArticleRequest upsert;
  v1::KnowledgeArticle* a = upsert.mutable_article();
  a->set_key("qa/wage-arrears");
  a->set_kind(v1::ARTICLE_KIND_QA);
  a->set_title("拖欠工资的投诉渠道");
  a->set_body("向劳动保障监察机构投诉。");
  v1::UpsertKnowledgeArticleResponse stored;
  REQUIRE(f.stub().UpsertKnowledgeArticle(f.As(f.supervisor).get(), upsert, &stored).ok());
  a->set_body("向劳动保障监察机构投诉，或拨打12333。");
  REQUIRE(f.stub().UpsertKnowledgeArticle(f.As(f.supervisor).get(), upsert, &stored).ok());
  REQUIRE(stored.article().version() == 2);

  auto request = IntakeFixture::ValidRequest(UniqueName("kb"));
  request.set_kind(common::TICKET_KIND_CONSULTATION);
  request.set_content("老板两个月没发工资，去哪里投诉？");
  request.set_answered_with_article("qa/wage-arrears");
  v1::SubmitTicketResponse submitted;
  REQUIRE(f.Submit(request, &submitted).ok());
  REQUIRE(submitted.decision() == v1::SCOPE_DECISION_ANSWERED);

  const v1::GetTicketResponse ticket = f.Get(submitted.ticket_number(), f.supervisor);
  int answered = 0;
  for (const v1::TimelineEntry& entry : ticket.timeline()) {
    if (entry.type() != "intake.answered") {
      CHECK(entry.article_key().empty());
      continue;
    }
    ++answered;
    CHECK(entry.article_key() == "qa/wage-arrears");
    CHECK(entry.article_version() == 2);
  }
  CHECK(answered == 1);
}

}  // namespace
}  // namespace hotline::intake::testing
