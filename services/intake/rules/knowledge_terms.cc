#include "services/intake/rules/knowledge_terms.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/intake/rules/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

// TextTerms makes a run of one character into that character, so spacing the text out character
// by character yields them.
std::vector<std::string> CharTerms(std::string_view text) {
  std::string spaced;
  spaced.reserve(text.size() * 2);
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) spaced.push_back(' ');
    spaced.push_back(c);
  }
  std::vector<std::string> chars = TextTerms(spaced);
  chars.erase(
      std::remove_if(chars.begin(), chars.end(),
                     [](const std::string& t) { return static_cast<uint8_t>(t[0]) < 0x80; }),
      chars.end());
  return chars;
}

FieldWords SegmentFields(const text::Segmenter& segmenter, const v1::KnowledgeArticle& article) {
  FieldWords words;
  words[kTitle] = segmenter.Words(article.title());
  words[kQuestion] = segmenter.Words(article.question());
  words[kBody] = segmenter.Words(article.body());
  return words;
}

std::string FormatFieldWords(const FieldWords& words) {
  return absl::StrCat(absl::StrJoin(words[kTitle], " "), "\n", absl::StrJoin(words[kQuestion], " "),
                      "\n", absl::StrJoin(words[kBody], " "));
}

FieldWords ParseFieldWords(std::string_view stored) {
  FieldWords words;
  int field = 0;
  for (absl::string_view text :
       absl::StrSplit(absl::string_view(stored.data(), stored.size()), '\n')) {
    if (field == kFieldCount) break;
    for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
      words[field].emplace_back(word);
    }
    ++field;
  }
  return words;
}

std::vector<std::string> ArticleTerms(const v1::KnowledgeArticle& article,
                                      const FieldWords* words) {
  const std::string text =
      absl::StrCat(article.title(), "\n", article.question(), "\n", article.body());
  std::vector<std::string> all = DistinctTerms(text);
  for (std::string& c : CharTerms(text)) all.push_back(std::move(c));
  if (words != nullptr) {
    for (const std::vector<std::string>& field : *words) {
      for (const std::string& word : field) all.push_back(absl::StrCat(kWordPrefix, word));
    }
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

}  // namespace hotline::intake
