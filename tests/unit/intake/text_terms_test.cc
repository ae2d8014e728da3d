#include "services/intake/rules/text_terms.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace hotline::intake {
namespace {

using Terms = std::vector<std::string>;

TEST_CASE("text becomes Han bigrams and lower-cased ASCII words", "[text_terms]") {
  auto [text, terms] = GENERATE(table<std::string, Terms>({
      // The examples of the header.
      {"孩子上学怎么办？", {"孩子", "子上", "上学", "学怎", "怎么", "么办"}},
      {"ETC卡办理", {"etc", "卡办", "办理"}},
      // Mixed scripts: every switch between ASCII and Han ends a run.
      {"我家停电了3天", {"我家", "家停", "停电", "电了", "3", "天"}},
      {"App里的WiFi", {"app", "里的", "wifi"}},
      {"12345热线", {"12345", "热线"}},
      {"abc123DEF", {"abc123def"}},
      // Chinese punctuation separates runs.
      {"停水。停电，", {"停水", "停电"}},
      {"能退吗？不能！", {"能退", "退吗", "不能"}},
      {"医保、社保", {"医保", "社保"}},
      {"“双减”政策", {"双减", "政策"}},
      {"《未成年人保护法》", {"未成", "成年", "年人", "人保", "保护", "护法"}},
      {"户口；身份证：", {"户口", "身份", "份证"}},
      {"（补贴）【通知】", {"补贴", "通知"}},
      // Full-width letters and digits fold to ASCII; U+3000 is a space.
      {"１２３４５", {"12345"}},
      {"ＥＴＣ卡", {"etc", "卡"}},
      {"ｗｉｆｉ　密码", {"wifi", "密码"}},
      {"第３期", {"第", "3", "期"}},
      // Single characters in a run of their own stay as they are.
      {"水", {"水"}},
      {"水 电 气", {"水", "电", "气"}},
      {"a", {"a"}},
      // Other scripts written without spaces are handled like Han.
      {"こんにちは", {"こん", "んに", "にち", "ちは"}},
      {"カタカナ", {"カタ", "タカ", "カナ"}},
      {"안녕하세요", {"안녕", "녕하", "하세", "세요"}},
      // Extension A, compatibility ideographs and Extension B are Han.
      {"㐀㐁", {"㐀㐁"}},
      {"\xEF\xA4\x80字", {"\xEF\xA4\x80字"}},                                      // U+F900
      {"\xF0\xA0\x80\x80\xF0\xA0\x80\x81", {"\xF0\xA0\x80\x80\xF0\xA0\x80\x81"}},  // U+20000..1
      {"二〇二四年", {"二〇", "〇二", "二四", "四年"}},
      // Emoji, symbols and other letters separate.
      {"停水😡三天", {"停水", "三天"}},
      {"café", {"caf"}},
      {"100%退款", {"100", "退款"}},
      {"a-b_c", {"a", "b", "c"}},
      // Nothing to find.
      {"", {}},
      {"？！。，、", {}},
      {"   \t\n", {}},
  }));
  INFO(text);
  CHECK(TextTerms(text) == terms);
}

TEST_CASE("invalid UTF-8 bytes are skipped and end the run", "[text_terms]") {
  auto [text, terms] = GENERATE(table<std::string, Terms>({
      {"孩\xFF子", {"孩", "子"}},      // byte that never starts a sequence
      {"\x80\xBF上学", {"上学"}},      // stray continuation bytes
      {"上学\xE5\xAD", {"上学"}},      // truncated at the end
      {"上\xE5\xAD学", {"上", "学"}},  // truncated in the middle
      {"\xC0\xAF"
       "abc",
       {"abc"}},                       // overlong encoding of '/'
      {"\xED\xA0\x80水", {"水"}},      // UTF-16 surrogate
      {"\xF4\x90\x80\x80水", {"水"}},  // above U+10FFFF
      {"ab\xFE"
       "cd",
       {"ab", "cd"}},
      {"\xFF", {}},
  }));
  INFO(text);
  CHECK(TextTerms(text) == terms);
}

TEST_CASE("repeated terms are kept by TextTerms, merged by DistinctTerms", "[text_terms]") {
  CHECK(TextTerms("停水停水") == Terms{"停水", "水停", "停水"});
  CHECK(DistinctTerms("停水停水") == Terms{"停水", "水停"});
  CHECK(DistinctTerms("b a B") == Terms{"a", "b"});
  CHECK(DistinctTerms("").empty());
  const Terms sorted = DistinctTerms("孩子上学怎么办？ETC卡办理");
  CHECK(std::is_sorted(sorted.begin(), sorted.end()));
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("Jaccard of sorted distinct term lists", "[text_terms]") {
  auto [a, b, expected] = GENERATE(table<Terms, Terms, double>({
      {{}, {}, 0.0},
      {{"a"}, {}, 0.0},
      {{}, {"a"}, 0.0},
      {{"a", "b"}, {"a", "b"}, 1.0},
      {{"a", "b"}, {"c", "d"}, 0.0},
      {{"a", "b", "c"}, {"b", "c", "d"}, 0.5},
      {{"a"}, {"a", "b", "c", "d"}, 0.25},
      {{"a", "c", "e"}, {"b", "c", "d", "e"}, 0.4},
  }));
  CHECK(Jaccard(a, b) == Approx(expected));
  CHECK(Jaccard(b, a) == Approx(expected));
}

TEST_CASE("Jaccard of two phrasings of one matter", "[text_terms]") {
  const Terms a = DistinctTerms("小区停水三天了");
  const Terms b = DistinctTerms("小区已经停水三天");
  // Shared: 小区 停水 水三 三天; the union has 9 terms.
  CHECK(Jaccard(a, b) == Approx(4.0 / 9.0));
  CHECK(Jaccard(a, DistinctTerms("办理营业执照")) == 0.0);
}

}  // namespace
}  // namespace hotline::intake
