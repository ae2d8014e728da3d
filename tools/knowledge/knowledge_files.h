#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"

// The knowledge base as files (deploy/knowledge/): articles and synonyms an office keeps under
// version control and imports through intake's RPCs.
namespace hotline::knowledge {

// articles.txt: blocks separated by blank lines, one "field: value" a line (key, kind = policy |
// qa | script, title, question, category, region, body); '#' starts a comment line. Returns
// every article, or INVALID_ARGUMENT naming the line of each problem (unknown field, repeated
// key, missing key/title/body, unknown kind). What intake itself checks (lengths, codes) is left
// to it.
absl::StatusOr<std::vector<hotline::intake::v1::KnowledgeArticle>> ParseArticles(
    std::string_view text);

// synonyms.txt, one group a line: "a b c" are equivalents (each also searches the others);
// "a > b c" widens a caller's a to b and c, not back. A term on several lines gathers all its
// related terms (in the order met, once each). By term.
absl::StatusOr<std::vector<hotline::intake::v1::KnowledgeSynonyms>> ParseSynonyms(
    std::string_view text);

// The whole file; NOT_FOUND naming it when it cannot be read.
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace hotline::knowledge
