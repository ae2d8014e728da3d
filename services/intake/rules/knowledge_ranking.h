#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::intake {

// The single characters of the Han (and other CJK) runs of `text`, classified and folded exactly
// as TextTerms' bigrams are; ASCII words are left to the bigrams.
std::vector<std::string> CharTerms(std::string_view text);

// The terms an article is stored with: its bigrams and, beside them, its single characters, so
// that a caller's "灯坏了" still reaches "路灯" through the index. Distinct, sorted.
std::vector<std::string> ArticleTerms(const hotline::intake::v1::KnowledgeArticle& article);

// How many current articles hold a term, of how many current articles in all.
struct TermFrequency {
  std::string term;
  int64_t articles_with = 0;
  int64_t articles = 0;
};

// One search's ranking (BM25F over title, question and body, on bigrams and, at a lower weight,
// on single characters), in the order of its steps: the query's terms, the rarest of them to
// fetch candidates by, then the candidates ranked.
class KnowledgeRanking {
 public:
  explicit KnowledgeRanking(std::string_view text);

  // Bigrams and characters of the query, distinct, sorted; empty when the query has no bigram
  // (nothing can be found).
  const std::vector<std::string>& terms() const { return all_terms_; }

  // Takes the frequencies of terms(); returns the terms whose articles are the candidates: the
  // rarest ones, within a budget of rows. Empty when no article holds any of them.
  std::vector<std::string> SelectByRarity(const std::vector<TermFrequency>& frequencies);

  // The best `limit` (0: 10; at most 50) of `candidates`, best first.
  std::vector<hotline::intake::v1::KnowledgeHit> Rank(
      std::vector<hotline::intake::v1::KnowledgeArticle> candidates, int limit) const;

  // Enough to hold every plausible answer; BM25 then decides the order among them.
  static constexpr int kMaxCandidates = 500;

 private:
  enum Channel { kBigrams, kChars, kChannelCount };
  // The query's terms of one channel and their inverse document frequencies.
  struct QueryTerms {
    std::vector<std::string> terms;
    absl::flat_hash_map<std::string, int> index;
    std::vector<double> idf;
  };
  struct Candidate;
  Candidate Analyse(hotline::intake::v1::KnowledgeArticle article) const;
  void Score(std::vector<Candidate>& candidates) const;
  double Coverage(const Candidate& c) const;

  QueryTerms channels_[kChannelCount];
  std::vector<std::string> all_terms_;
};

}  // namespace hotline::intake
