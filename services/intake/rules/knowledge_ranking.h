#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/text/segmenter.h"
#include "services/intake/rules/knowledge_synonyms.h"
#include "services/intake/rules/knowledge_terms.h"

namespace hotline::intake {

// How many current articles hold a term, of how many current articles in all.
struct TermFrequency {
  std::string term;
  int64_t articles_with = 0;
  int64_t articles = 0;
};

// A candidate as stored: the article and its field words (FormatFieldWords; "" when it was
// stored without a segmenter, and the words are then cut at ranking time).
struct StoredArticle {
  hotline::intake::v1::KnowledgeArticle article;
  std::string words;
};

// What a search ranks by beyond character bigrams and characters; each can be switched off, so
// the benchmark shows what each brings (bench/knowledge).
struct RankingOptions {
  bool words = true;          // dictionary words (needs a segmenter)
  bool synonyms = true;       // the office's related terms, below the words themselves
  bool field_weights = true;  // title and question count more than the body
  bool place = true;          // the caller's category and region raise the articles for them
};

// One search's ranking, in the order of its steps: the query's terms (words() then Expand with
// their synonyms), the rarest of them to fetch candidates by, then the candidates ranked by
// BM25F over title, question and body, summed over four channels of terms: bigrams, single
// characters, words, and the words' related terms.
class KnowledgeRanking {
 public:
  // Without a segmenter (or with options.words off) only bigrams and characters are used.
  KnowledgeRanking(std::string_view text, const text::Segmenter* segmenter,
                   RankingOptions options = {});

  // The query's own words, distinct, sorted: what synonyms are looked up for. Empty without
  // words.
  const std::vector<std::string>& words() const { return words_; }

  // Adds the related terms of the query's words (cut into words) as terms of a lower weight;
  // nothing when options.synonyms is off.
  void Expand(const std::vector<KnowledgeSynonyms>& synonyms);

  // Every term of the query, distinct, sorted; empty when the query has no bigram (nothing can
  // be found).
  const std::vector<std::string>& terms() const { return all_terms_; }

  // Takes the frequencies of terms(); returns the terms whose articles are the candidates: the
  // rarest ones, within a budget of rows. Empty when no article holds any of them.
  std::vector<std::string> SelectByRarity(const std::vector<TermFrequency>& frequencies);

  // The best `limit` (0: 10; at most 50) of `candidates`, best first. An article for the
  // caller's `category` (its prefix covers it) or made for a region (the candidates all apply
  // to the place asked about) is raised, not the others removed.
  std::vector<hotline::intake::v1::KnowledgeHit> Rank(std::vector<StoredArticle> candidates,
                                                      int limit, std::string_view category) const;

  // Enough to hold every plausible answer; BM25 then decides the order among them.
  static constexpr int kMaxCandidates = 500;

 private:
  enum Channel { kBigrams, kChars, kWords, kRelated, kChannelCount };
  // The query's terms of one channel (as stored) and their inverse document frequencies.
  struct QueryTerms {
    std::vector<std::string> terms;
    absl::flat_hash_map<std::string, int> index;
    std::vector<double> idf;
  };
  struct Candidate;
  void Index(Channel channel, std::vector<std::string> terms);
  void CollectTerms();
  Candidate Analyse(StoredArticle stored) const;
  void Score(std::vector<Candidate>& candidates) const;
  double Coverage(const Candidate& c) const;

  const text::Segmenter* segmenter_;
  RankingOptions options_;
  QueryTerms channels_[kChannelCount];
  std::vector<std::string> words_;
  std::vector<std::string> all_terms_;
};

}  // namespace hotline::intake
