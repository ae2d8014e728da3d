#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/text/segmenter.h"
#include "services/intake/rules/knowledge_article.h"
#include "services/intake/rules/knowledge_ranking.h"
#include "services/intake/rules/knowledge_synonyms.h"
#include "services/intake/store/knowledge_store.h"

namespace hotline::intake {

struct KnowledgeQuery {
  std::string text;
  // The place the question is about (a division code); "" = anywhere. Articles apply when their
  // region_prefix is "" or a prefix (at segment boundaries) of this code.
  std::string region_code;
  // The caller's category: articles whose category_prefix covers it rank higher; "" = any.
  std::string category;
  int limit = 10;
};

// How searches cut and rank text: the dictionary segmenter (nullptr: bigrams and characters
// only, as before words) and which refinements apply.
struct KnowledgeSearchSettings {
  const text::Segmenter* segmenter = nullptr;
  RankingOptions ranking;
};

// The knowledge base (知识库): versioned articles searched by Chinese text, and the office's
// synonyms. Who may edit them is settled before (api/intake_access.h).
class KnowledgeBase {
 public:
  KnowledgeBase(TransactionRunner& transactions, const KnowledgeStore& store, const Clock& clock,
                KnowledgeSearchSettings settings = {})
      : transactions_(transactions), store_(store), clock_(clock), settings_(settings) {}

  // A new key gets version 1; an existing key a new version, and the previous current version is
  // marked superseded (a retired key comes back to life). Returns the stored article.
  absl::StatusOr<hotline::intake::v1::KnowledgeArticle> Upsert(
      const hotline::intake::v1::KnowledgeArticle& article, const std::string& author);

  // The current version stops being found. NOT_FOUND for an unknown or already retired key.
  absl::Status Retire(const std::string& key);

  // Current, unretired articles valid now that apply to the query's region and category, ranked
  // best first (rules/knowledge_ranking.h).
  absl::StatusOr<std::vector<hotline::intake::v1::KnowledgeHit>> Search(
      const KnowledgeQuery& query);

  // Replaces a term's related terms (none: removes the term); INVALID_ARGUMENT naming the field.
  absl::StatusOr<KnowledgeSynonyms> SetSynonyms(KnowledgeSynonyms synonyms,
                                                const std::string& author);
  // Every term with its related terms, by term.
  absl::StatusOr<std::vector<KnowledgeSynonyms>> ListSynonyms();

 private:
  TransactionRunner& transactions_;
  const KnowledgeStore& store_;
  const Clock& clock_;
  KnowledgeSearchSettings settings_;
};

// The reads of a search, from whatever transaction the caller has (the submission writers read
// in autocommit).
struct KnowledgeReads {
  absl::FunctionRef<std::vector<TermFrequency>(const std::vector<std::string>& terms)> frequencies;
  absl::FunctionRef<std::vector<StoredArticle>(const CandidateQuery&)> candidates;
  absl::FunctionRef<std::vector<KnowledgeSynonyms>(const std::vector<std::string>& words)> synonyms;
};

// The search of KnowledgeBase::Search at `now`, on `reads`.
std::vector<hotline::intake::v1::KnowledgeHit> SearchArticles(
    const KnowledgeQuery& query, absl::Time now, const KnowledgeReads& reads,
    const KnowledgeSearchSettings& settings);

// The division code as articles' region prefixes are written (canonical); unparsable codes as
// given.
std::string ArticleRegion(const std::string& region_code);

}  // namespace hotline::intake
