#pragma once

#include <string_view>
#include <vector>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/field_violations.h"

// What can be said of one knowledge-base article without the database: is it well-formed, and how
// squarely does a caller's question ask what it answers.
namespace hotline::intake {

// Share of the article's own question (its title when it has none), as word pairs, that `text`
// contains, 0..1: how squarely a caller's words ask what the article answers. Unlike BM25 scores
// it does not depend on the size of the knowledge base, so a fixed threshold can gate answering.
double QuestionCoverage(const hotline::intake::v1::KnowledgeArticle& article,
                        std::string_view text);

// Problems of an article to store ("article.title" …): key required (lower-case, [a-z0-9/_-],
// ≤ 200), kind set, title 1..200, body 1..20000, question ≤ 1000, prefixes well-formed,
// valid_until after valid_from when both set.
std::vector<FieldViolation> ValidateArticle(const hotline::intake::v1::KnowledgeArticle& article);

}  // namespace hotline::intake
