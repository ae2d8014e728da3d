#include "tools/knowledge/knowledge_files.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace hotline::knowledge {

namespace v1 = hotline::intake::v1;

namespace {

std::vector<absl::string_view> Lines(std::string_view text) {
  return absl::StrSplit(absl::string_view(text.data(), text.size()), '\n');
}

bool SetKind(absl::string_view value, v1::KnowledgeArticle& a) {
  if (value == "policy")
    a.set_kind(v1::ARTICLE_KIND_POLICY);
  else if (value == "qa")
    a.set_kind(v1::ARTICLE_KIND_QA);
  else if (value == "script")
    a.set_kind(v1::ARTICLE_KIND_SCRIPT);
  else
    return false;
  return true;
}

// Checks a finished block (starting at `line`) and adds it.
void Finish(v1::KnowledgeArticle& a, int line, std::set<std::string>& keys,
            std::vector<v1::KnowledgeArticle>& out, std::vector<std::string>& problems) {
  if (a.key().empty() && a.title().empty() && a.body().empty()) return;  // nothing there
  for (auto [name, value] : {std::pair<const char*, const std::string*>{"key", &a.key()},
                             {"title", &a.title()},
                             {"body", &a.body()}}) {
    if (value->empty()) problems.push_back(absl::StrCat("line ", line, ": no ", name));
  }
  if (a.kind() == v1::ARTICLE_KIND_UNSPECIFIED) {
    problems.push_back(absl::StrCat("line ", line, ": no kind"));
  }
  if (!a.key().empty() && !keys.insert(a.key()).second) {
    problems.push_back(absl::StrCat("line ", line, ": key ", a.key(), " repeated"));
  }
  out.push_back(std::move(a));
  a = v1::KnowledgeArticle();
}

}  // namespace

absl::StatusOr<std::vector<v1::KnowledgeArticle>> ParseArticles(std::string_view text) {
  std::vector<v1::KnowledgeArticle> out;
  std::vector<std::string> problems;
  std::set<std::string> keys;
  v1::KnowledgeArticle current;
  int number = 0;
  int block_line = 1;
  for (absl::string_view line : Lines(text)) {
    ++number;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (absl::StartsWith(line, "#")) continue;
    if (line.empty()) {
      Finish(current, block_line, keys, out, problems);
      block_line = number + 1;
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) {
      problems.push_back(absl::StrCat("line ", number, ": not \"field: value\""));
      continue;
    }
    const absl::string_view field = line.substr(0, colon);
    const std::string value(absl::StripLeadingAsciiWhitespace(line.substr(colon + 1)));
    if (field == "key")
      current.set_key(value);
    else if (field == "title")
      current.set_title(value);
    else if (field == "question")
      current.set_question(value);
    else if (field == "body")
      current.set_body(value);
    else if (field == "category")
      current.set_category_prefix(value);
    else if (field == "region")
      current.set_region_prefix(value);
    else if (field == "kind") {
      if (!SetKind(value, current)) {
        problems.push_back(absl::StrCat("line ", number, ": kind must be policy, qa or script"));
      }
    } else {
      problems.push_back(absl::StrCat("line ", number, ": unknown field ", field));
    }
  }
  Finish(current, block_line, keys, out, problems);
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  return out;
}

absl::StatusOr<std::vector<v1::KnowledgeSynonyms>> ParseSynonyms(std::string_view text) {
  std::map<std::string, std::vector<std::string>> related;
  auto add = [&](const std::string& term, const std::string& other) {
    if (term == other) return;
    std::vector<std::string>& list = related[term];
    if (std::find(list.begin(), list.end(), other) == list.end()) list.push_back(other);
  };
  std::vector<std::string> problems;
  int number = 0;
  for (absl::string_view line : Lines(text)) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    std::vector<std::string> sides = absl::StrSplit(line, '>');
    std::vector<std::vector<std::string>> words;
    for (const std::string& side : sides) {
      words.push_back(absl::StrSplit(side, absl::ByAnyChar(" \t"), absl::SkipEmpty()));
    }
    if (sides.size() > 2 || (sides.size() == 2 && (words[0].size() != 1 || words[1].empty())) ||
        (sides.size() == 1 && words[0].size() < 2)) {
      problems.push_back(absl::StrCat("line ", number, ": not \"a b c\" nor \"a > b c\""));
      continue;
    }
    if (sides.size() == 2) {
      for (const std::string& w : words[1]) add(words[0][0], w);
    } else {
      for (const std::string& a : words[0]) {
        for (const std::string& b : words[0]) add(a, b);
      }
    }
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  std::vector<v1::KnowledgeSynonyms> out;
  for (const auto& [term, list] : related) {
    v1::KnowledgeSynonyms& s = out.emplace_back();
    s.set_term(term);
    for (const std::string& r : list) s.add_related(r);
  }
  return out;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace hotline::knowledge
