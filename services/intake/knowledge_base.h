#pragma once

#include <optional>
#include <pqxx/transaction>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/field_violations.h"

namespace hotline::intake {

struct KnowledgeQuery {
  std::string text;
  // The place the question is about (canonical division code); "" = anywhere. Articles apply when
  // their region_prefix is "" or a prefix (at segment boundaries) of this code.
  std::string region_code;
  // Articles apply when their category_prefix is "" or covers this category; "" = any.
  std::string category;
  int limit = 10;
};

// The knowledge base (知识库): versioned articles searched by Chinese text. Runs inside the
// caller's transaction; call from pg::Transact (libpqxx may throw).
class KnowledgeBase {
 public:
  explicit KnowledgeBase(const Clock& clock) : clock_(clock) {}

  // A new key gets version 1; an existing key a new version, and the previous current version is
  // marked superseded (a retired key comes back to life). Returns the stored article.
  absl::StatusOr<hotline::intake::v1::KnowledgeArticle> Upsert(
      pqxx::work& tx, const hotline::intake::v1::KnowledgeArticle& article,
      const std::string& author) const;

  // The current version stops being found. NOT_FOUND for an unknown or already retired key.
  absl::Status Retire(pqxx::work& tx, const std::string& key) const;

  // Current, unretired articles valid now that apply to the query's region and category, ranked
  // best first (BM25 over text_terms of title, question and body; title and question weigh more).
  std::vector<hotline::intake::v1::KnowledgeHit> Search(pqxx::transaction_base& tx,
                                                        const KnowledgeQuery& query) const;

  // The current version of `key` if it is valid now and applies to the region and category of
  // `scope` (its text is ignored); nullopt otherwise.
  std::optional<hotline::intake::v1::KnowledgeArticle> Applicable(
      pqxx::transaction_base& tx, const std::string& key, const KnowledgeQuery& scope) const;

 private:
  const Clock& clock_;
};

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
