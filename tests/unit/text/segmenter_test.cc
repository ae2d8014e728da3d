#include "libs/text/segmenter.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

namespace hotline::text {
namespace {

using Words = std::vector<std::string>;

// A dictionary small enough to reason about: 研究生 is likelier than 研究 + 生, and 生命 + 起源
// likelier than 研究生 + 命 …
constexpr char kDictionary[] =
    "研究 500 vn\n研究生 300 n\n生命 800 n\n起源 400 n\n命 50 n\n的 5000 uj\n"
    "未成年人 200 n\n未成年 150 n\n成年 300 n\n成年人 250 n\n孩子 900 n\n被 2000 p\n"
    "打 1500 v\n了 6000 ul\n找 700 v\n谁 800 r\nbad-line\n零 0 m\n";

std::unique_ptr<Segmenter> Small() {
  auto s = Segmenter::FromLines(kDictionary);
  REQUIRE(s.ok());
  return *std::move(s);
}

bool Has(const Words& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

TEST_CASE("the most probable path through the dictionary wins", "[segmenter]") {
  auto s = Small();
  CHECK(s->size() == 16);  // bad-line and the zero frequency are skipped
  CHECK(s->Words("研究生命的起源") == Words{"研究", "生命", "的", "起源"});
  CHECK(s->Words("研究生") == Words{"研究生", "研究"});  // and its sub-word, search mode
}

TEST_CASE("long words also yield their dictionary sub-words", "[segmenter]") {
  auto s = Small();
  const Words words = s->Words("未成年人");
  CHECK(words.front() == "未成年人");
  for (const char* sub : {"成年", "未成年", "成年人"}) {
    INFO(sub);
    CHECK(Has(words, sub));
  }
  CHECK(!Has(words, "年人"));  // not a word
}

TEST_CASE("runs of single characters also yield their pairs", "[segmenter]") {
  auto s = Small();
  // 孩子 is a word; 被 打 了 找 谁 are single words in a row, whose pairs stand in for the words
  // the dictionary lacks (被打); unknown characters (欺凌) are single words too.
  CHECK(s->Words("孩子被打了找谁") ==
        Words{"孩子", "被", "打", "了", "找", "谁", "被打", "打了", "了找", "找谁"});
  CHECK(s->Words("欺凌") == Words{"欺", "凌", "欺凌"});
  CHECK(s->Words("打") == Words{"打"});
}

TEST_CASE("ASCII words, full-width forms and separators", "[segmenter]") {
  auto s = Small();
  CHECK(s->Words("打１２３４５，ETC卡") == Words{"打", "12345", "etc", "卡"});
  CHECK(s->Words("").empty());
  CHECK(s->Words("？！ ").empty());
  CHECK(s->Words("孩\xFF子") == Words{"孩", "子"});  // a bad byte separates
}

TEST_CASE("a dictionary without words or file is refused, naming it", "[segmenter]") {
  CHECK(Segmenter::FromLines("").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(Segmenter::FromLines("词 0\n").status().code() == absl::StatusCode::kInvalidArgument);
  auto missing = Segmenter::FromFile("/nonexistent/dict.txt");
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(missing.status().message()).find("/nonexistent/dict.txt") != std::string::npos);
}

// The dictionary the services use (install-deps installs python3-jieba).
TEST_CASE("Debian's jieba dictionary cuts callers' words", "[segmenter]") {
  REQUIRE(std::ifstream(kDebianJiebaDictionary).good());
  auto s = Segmenter::FromFile(kDebianJiebaDictionary);
  REQUIRE(s.ok());
  CHECK((*s)->size() > 300000);
  const Words words = (*s)->Words("老板三个月不发工资怎么办");
  for (const char* w : {"老板", "工资", "怎么办"}) {
    INFO(w);
    CHECK(Has(words, w));
  }
  CHECK(Has((*s)->Words("拖欠工资"), "拖欠"));
}

}  // namespace
}  // namespace hotline::text
