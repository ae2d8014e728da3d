// The ranking of the knowledge base without a database: articles indexed as KnowledgeBase::Upsert
// does, searched through SearchArticles over reads kept in memory.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "services/intake/app/knowledge_base.h"
#include "services/intake/rules/knowledge_terms.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;
using Keys = std::vector<std::string>;

constexpr char kDictionary[] =
    "孩子 900 n\n儿童 800 n\n殴打 300 v\n虐待 200 v\n报告 600 v\n学校 700 n\n欺凌 100 v\n"
    "工资 900 n\n拖欠 300 v\n欠薪 50 n\n投诉 500 v\n怎么办 900 r\n老板 600 n\n发 800 v\n"
    "停水 100 v\n供水 200 n\n抢修 100 v\n哪里 800 r\n反映 500 v\n挨揍 20 v\n";

struct Index {
  Index() {
    auto s = text::Segmenter::FromLines(kDictionary);
    REQUIRE(s.ok());
    segmenter = *std::move(s);
  }

  void Add(const std::string& key, const std::string& title, const std::string& body,
           const std::string& category = "", const std::string& region = "") {
    v1::KnowledgeArticle a;
    a.set_key(key);
    a.set_kind(v1::ARTICLE_KIND_QA);
    a.set_title(title);
    a.set_body(body);
    a.set_category_prefix(category);
    a.set_region_prefix(region);
    const FieldWords words = SegmentFields(*segmenter, a);
    articles.push_back({a, FormatFieldWords(words)});
    terms.push_back(ArticleTerms(a, &words));
  }

  Keys Search(const std::string& text, RankingOptions options = {},
              const std::string& category = "") {
    Keys keys;
    for (const v1::KnowledgeHit& hit : Hits(text, options, category)) {
      keys.push_back(hit.article().key());
    }
    return keys;
  }

  std::vector<v1::KnowledgeHit> Hits(const std::string& text, RankingOptions options = {},
                                     const std::string& category = "") {
    auto frequencies = [&](const std::vector<std::string>& asked) {
      std::vector<TermFrequency> out;
      for (const std::string& t : asked) {
        int64_t with = std::count_if(terms.begin(), terms.end(), [&](const auto& list) {
          return std::binary_search(list.begin(), list.end(), t);
        });
        out.push_back({t, with, static_cast<int64_t>(articles.size())});
      }
      return out;
    };
    auto candidates = [&](const CandidateQuery& q) {
      std::vector<StoredArticle> out;
      for (size_t i = 0; i < articles.size(); ++i) {
        if (std::any_of(q.terms.begin(), q.terms.end(), [&](const std::string& t) {
              return std::binary_search(terms[i].begin(), terms[i].end(), t);
            })) {
          out.push_back(articles[i]);
        }
      }
      return out;
    };
    auto related = [&](const std::vector<std::string>& words) {
      std::vector<KnowledgeSynonyms> out;
      for (const KnowledgeSynonyms& s : synonyms) {
        if (std::find(words.begin(), words.end(), s.term) != words.end()) out.push_back(s);
      }
      return out;
    };
    return SearchArticles({text, "", category, 10}, absl::Now(), {frequencies, candidates, related},
                          {segmenter.get(), options});
  }

  std::unique_ptr<text::Segmenter> segmenter;
  std::vector<StoredArticle> articles;
  std::vector<std::vector<std::string>> terms;
  std::vector<KnowledgeSynonyms> synonyms;
};

TEST_CASE("field words are stored and read back as cut", "[knowledge-ranking]") {
  const FieldWords words{{{"孩子", "殴打"}, {}, {"报告", "12349"}}};
  CHECK(ParseFieldWords(FormatFieldWords(words)) == words);
  CHECK(ParseFieldWords("") == FieldWords{});
}

TEST_CASE("articles are stored with their words beside bigrams and characters",
          "[knowledge-ranking]") {
  Index index;
  index.Add("qa/a", "拖欠工资", "投诉");
  const std::vector<std::string>& terms = index.terms[0];
  for (const char* t : {"w:拖欠", "w:工资", "拖欠", "欠工", "工", "w:投诉"}) {
    INFO(t);
    CHECK(std::binary_search(terms.begin(), terms.end(), std::string(t)));
  }
  CHECK(!std::binary_search(terms.begin(), terms.end(), std::string("w:欠工")));
}

TEST_CASE("a synonym finds an article in other words, below the literal word",
          "[knowledge-ranking]") {
  Index index;
  index.Add("qa/abuse", "儿童遭受殴打如何报告", "发现儿童遭受虐待、殴打，向公安机关报告。");
  index.Add("qa/water", "停水报修", "联系供水企业抢修。");
  // 娃 shares no character with 儿童, 挨揍 none with 殴打.
  CHECK(index.Search("娃挨揍了").empty());
  index.synonyms = {{"娃", {"儿童", "未成年人"}}, {"挨揍", {"殴打", "虐待"}}};
  CHECK(index.Search("娃挨揍了") == Keys{"qa/abuse"});
  CHECK(index.Search("娃挨揍了", {.synonyms = false}).empty());
  CHECK(index.Search("娃挨揍了", {.words = false}).empty());  // synonyms are of words

  // An article with the caller's own word ranks above one reached through a synonym.
  index.Add("qa/literal", "挨揍怎么报告", "向公安机关报告。");
  CHECK(index.Search("娃挨揍了").front() == "qa/literal");
}

TEST_CASE("dictionary words add to the bigrams' evidence", "[knowledge-ranking]") {
  Index index;
  index.Add("qa/wages", "拖欠工资投诉", "劳动者可以向劳动保障监察机构投诉拖欠工资。");
  index.Add("qa/water", "停水报修", "联系供水企业抢修。");
  const auto with = index.Hits("老板三个月不发工资怎么办");
  const auto without = index.Hits("老板三个月不发工资怎么办", {.words = false});
  REQUIRE(with.size() == 1);
  REQUIRE(without.size() == 1);
  CHECK(with[0].score() > without[0].score());
}

TEST_CASE("title and question weigh more than the body", "[knowledge-ranking]") {
  Index index;
  index.Add("qa/in-title", "学校欺凌", "家长可以先与老师沟通，必要时向教育部门反映情况。");
  index.Add("qa/in-body", "家长沟通指南", "家长可以先与老师沟通学校欺凌，必要时向教育部门反映。");
  CHECK(index.Search("学校欺凌").front() == "qa/in-title");
}

TEST_CASE("the caller's category and a regional article rank first, the rest stay",
          "[knowledge-ranking]") {
  Index index;
  index.Add("qa/general", "停水怎么办", "联系供水企业抢修。");
  index.Add("qa/water", "停水怎么办", "联系供水企业抢修。", "public-utilities/water");
  CHECK(index.Search("停水怎么办") == Keys{"qa/general", "qa/water"});  // by key on a tie
  CHECK(index.Search("停水怎么办", {}, "public-utilities/water/outage") ==
        Keys{"qa/water", "qa/general"});
  CHECK(index.Search("停水怎么办", {}, "public-utilities/waterworks") ==
        Keys{"qa/general", "qa/water"});  // not a segment prefix
  CHECK(index.Search("停水怎么办", {.place = false}, "public-utilities/water") ==
        Keys{"qa/general", "qa/water"});
  index.Add("qa/kunming", "停水怎么办", "联系供水企业抢修。", "", "5301");
  CHECK(index.Search("停水怎么办").front() == "qa/kunming");
}

TEST_CASE("synonym edits are checked field by field", "[knowledge-ranking]") {
  auto fields = [](const KnowledgeSynonyms& s) {
    Keys out;
    for (const FieldViolation& v : ValidateSynonyms(s)) out.push_back(v.field);
    return out;
  };
  CHECK(fields({"孩子", {"儿童", "未成年人"}}).empty());
  CHECK(fields({"孩子", {}}).empty());  // removes the term
  CHECK(fields({"", {"儿童"}}) == Keys{"synonyms.term"});
  CHECK(fields({"孩 子", {"儿童"}}) == Keys{"synonyms.term"});
  CHECK(fields({"孩子", {"孩子", "儿童", "儿童", ""}}) ==
        Keys{"synonyms.related[0]", "synonyms.related[2]", "synonyms.related[3]"});
  CHECK(fields({std::string(21 * 3, 'a'), {"\xFF"}}) ==
        Keys{"synonyms.term", "synonyms.related[0]"});
  CHECK(fields({"孩子", std::vector<std::string>(31, "儿童")}) == Keys{"synonyms.related"});
}

}  // namespace
}  // namespace hotline::intake
