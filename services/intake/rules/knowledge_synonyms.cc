#include "services/intake/rules/knowledge_synonyms.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "libs/common/utf8.h"

namespace hotline::intake {
namespace {

// Empty when `word` is a usable term, else why not.
std::string WordProblem(const std::string& word) {
  const int length = CodePoints(word);
  if (length < 0) return "must be valid UTF-8";
  if (length == 0) return "is required";
  if (length > kMaxSynonymLength) {
    return absl::StrCat("must be at most ", kMaxSynonymLength, " characters");
  }
  for (unsigned char c : word) {
    if (c <= ' ' || c == 0x7F) return "must be one word, without spaces or control characters";
  }
  return "";
}

}  // namespace

std::vector<FieldViolation> ValidateSynonyms(const KnowledgeSynonyms& synonyms) {
  std::vector<FieldViolation> out;
  if (std::string problem = WordProblem(synonyms.term); !problem.empty()) {
    out.push_back({"synonyms.term", problem});
  }
  if (synonyms.related.size() > kMaxRelated) {
    out.push_back({"synonyms.related", absl::StrCat("must have at most ", kMaxRelated, " terms")});
    return out;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < synonyms.related.size(); ++i) {
    const std::string& word = synonyms.related[i];
    const std::string field = absl::StrCat("synonyms.related[", i, "]");
    if (std::string problem = WordProblem(word); !problem.empty()) {
      out.push_back({field, problem});
    } else if (word == synonyms.term) {
      out.push_back({field, "must differ from the term"});
    } else if (!seen.insert(word).second) {
      out.push_back({field, "is repeated"});
    }
  }
  return out;
}

}  // namespace hotline::intake
