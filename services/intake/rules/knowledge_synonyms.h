#pragma once

#include <string>
#include <vector>

#include "libs/common/field_violations.h"

// Synonyms and broader terms of the knowledge base's search, as the office edits them: a caller
// says "娃", "被打", "不发工资"; articles say "儿童", "殴打", "欠薪". A search also looks for a
// word's related terms, below the word itself (rules/knowledge_ranking.h).
namespace hotline::intake {

struct KnowledgeSynonyms {
  std::string term;                  // a word as callers say it
  std::vector<std::string> related;  // also searched when it is said; empty: none (removed)
};

inline constexpr int kMaxSynonymLength = 20;  // code points, a term or a related term
inline constexpr int kMaxRelated = 30;

// Problems of an edit ("synonyms.term", "synonyms.related[2]" …): the term 1..20 characters;
// at most 30 related terms, each 1..20 characters, none the term itself, none repeated; no
// spaces, line breaks or control characters anywhere (a term is one word).
std::vector<FieldViolation> ValidateSynonyms(const KnowledgeSynonyms& synonyms);

}  // namespace hotline::intake
