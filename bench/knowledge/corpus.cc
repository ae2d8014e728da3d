#include "bench/knowledge/corpus.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/support/core/fail.h"
#include "tools/knowledge/knowledge_files.h"

namespace hotline::bench {

namespace v1 = hotline::intake::v1;

namespace {

constexpr const char* kCities[] = {
    "昆明市",     "曲靖市", "玉溪市",     "保山市", "昭通市", "丽江市", "普洱市", "临沧市",
    "楚雄州",     "红河州", "文山州",     "大理州", "德宏州", "怒江州", "迪庆州", "包头市",
    "呼和浩特市", "赤峰市", "鄂尔多斯市", "乌海市", "通辽市", "贵阳市", "成都市", "南宁市"};
constexpr int kCityCount = sizeof(kCities) / sizeof(kCities[0]);

std::vector<std::string> Sentences(const std::string& body) {
  std::vector<std::string> out;
  for (absl::string_view s : absl::StrSplit(body, "。", absl::SkipWhitespace())) {
    out.push_back(absl::StrCat(s, "。"));
  }
  return out;
}

}  // namespace

std::vector<LabelledQuestion> ReadQuestions(const std::string& path) {
  absl::StatusOr<std::string> text = knowledge::ReadFile(path);
  if (!text.ok()) support::Fail(std::string(text.status().message()));
  std::vector<LabelledQuestion> out;
  for (absl::string_view line : absl::StrSplit(*text, '\n', absl::SkipEmpty())) {
    if (absl::StartsWith(line, "#")) continue;
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 2) support::Fail(absl::StrCat(path, ": not key<TAB>question: ", line));
    out.push_back({fields[0], fields[1]});
  }
  return out;
}

std::vector<v1::KnowledgeArticle> Variants(const std::vector<v1::KnowledgeArticle>& real,
                                           int count) {
  std::vector<v1::KnowledgeArticle> out;
  if (real.empty()) return out;
  for (int n = 0; n < count; ++n) {
    const size_t i = static_cast<size_t>(n) % real.size();
    const int round = n / static_cast<int>(real.size());
    const v1::KnowledgeArticle& source = real[i];
    const char* city = kCities[(n * 7 + round) % kCityCount];
    v1::KnowledgeArticle a = source;
    a.set_key(absl::StrCat(source.key(), "/v", round));
    a.set_title(absl::StrCat(source.title(), "（", city, "）"));
    if (!source.question().empty())
      a.set_question(absl::StrCat("在", city, "，", source.question()));
    std::vector<std::string> sentences = Sentences(source.body());
    std::vector<std::string> body;
    for (size_t k = 0; k < sentences.size(); ++k) {
      if (sentences.size() > 2 && k == static_cast<size_t>(round) % sentences.size()) continue;
      body.push_back(sentences[(k + round) % sentences.size()]);
    }
    const std::vector<std::string> other =
        Sentences(real[(i * 13 + round + 1) % real.size()].body());
    if (!other.empty()) body.push_back(other[static_cast<size_t>(round) % other.size()]);
    body.push_back(absl::StrCat("本条答复口径适用于", city, "。"));
    a.set_body(absl::StrJoin(body, ""));
    a.set_region_prefix("");
    out.push_back(std::move(a));
  }
  return out;
}

std::string SourceKey(const std::string& key) {
  const size_t v = key.rfind("/v");
  if (v == std::string::npos || v + 2 >= key.size()) return key;
  for (size_t k = v + 2; k < key.size(); ++k) {
    if (key[k] < '0' || key[k] > '9') return key;
  }
  return key.substr(0, v);
}

}  // namespace hotline::bench
