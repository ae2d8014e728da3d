#include "services/intake/rules/knowledge_ranking.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/intake/rules/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

namespace {

constexpr int kMaxLimit = 50;
// Rows the candidate query may have to look at (each costs a de-TOAST of its terms): candidates
// come from the query's rarest terms whose document frequencies add up to at most this. A term
// found in thousands of articles ("申请", "孩子") adds little to the ranking and a lot to the scan.
constexpr int64_t kCandidateBudget = 2000;

std::vector<std::string> Distinct(std::vector<std::string> terms) {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

// Ranking is BM25F: a term's count is summed over the fields with a weight each (the title and
// the question say what an article is about; the body also mentions neighbouring matters), each
// normalised by the field's length, then saturated once. It runs per channel and adds up.
// Bigrams find the article's own phrases, dictionary words find them however the caller splits
// the sentence, the words' related terms reach articles in the office's words (孩子 → 儿童),
// and single characters, the weakest evidence, still join 灯坏了 to 路灯. Average field lengths
// are taken over the candidates.
struct Field {
  double weight;
  double b;  // length normalisation; titles and questions vary less in length than bodies
};
constexpr Field kWeightedFields[kFieldCount] = {{2.0, 0.5}, {2.0, 0.5}, {1.0, 0.75}};
constexpr Field kEvenFields[kFieldCount] = {{1.0, 0.5}, {1.0, 0.5}, {1.0, 0.75}};
constexpr double kK1 = 1.2;
// Bigrams, characters, words, related terms.
constexpr double kChannelWeight[] = {1.0, 0.75, 1.0, 0.5};
// The caller's category and the place asked about raise an article by these factors.
constexpr double kCategoryBoost = 1.3;
constexpr double kRegionBoost = 1.15;

double Idf(double n, double df) { return std::log(1 + (n - df + 0.5) / (df + 0.5)); }

bool CoversCategory(const std::string& prefix, std::string_view category) {
  if (prefix.empty() || category.empty()) return false;
  return category == prefix ||
         (absl::StartsWith(absl::string_view(category.data(), category.size()), prefix) &&
          category.size() > prefix.size() && category[prefix.size()] == '/');
}

}  // namespace

struct KnowledgeRanking::Candidate {
  StoredArticle stored;
  // Per channel and query term, the term's count in each field; and each field's length.
  std::vector<std::array<int, kFieldCount>> tf[kChannelCount];
  std::array<int, kFieldCount> length[kChannelCount] = {};
  double score = 0;
};

KnowledgeRanking::KnowledgeRanking(std::string_view text, const text::Segmenter* segmenter,
                                   RankingOptions options)
    : segmenter_(options.words ? segmenter : nullptr), options_(options) {
  Index(kBigrams, DistinctTerms(text));
  Index(kChars, Distinct(CharTerms(text)));
  if (segmenter_ != nullptr) words_ = Distinct(segmenter_->Words(text));
  Index(kWords, words_);
  Index(kRelated, {});
  CollectTerms();
}

void KnowledgeRanking::Index(Channel channel, std::vector<std::string> terms) {
  QueryTerms& q = channels_[channel];
  q.terms = std::move(terms);
  q.index.clear();
  for (size_t i = 0; i < q.terms.size(); ++i) q.index.emplace(q.terms[i], static_cast<int>(i));
  q.idf.assign(q.terms.size(), 0.0);
}

void KnowledgeRanking::CollectTerms() {
  all_terms_.clear();
  if (channels_[kBigrams].terms.empty()) return;
  for (Channel ch : {kBigrams, kChars}) {
    all_terms_.insert(all_terms_.end(), channels_[ch].terms.begin(), channels_[ch].terms.end());
  }
  for (Channel ch : {kWords, kRelated}) {
    for (const std::string& w : channels_[ch].terms) all_terms_.push_back(kWordPrefix + w);
  }
  all_terms_ = Distinct(std::move(all_terms_));
}

void KnowledgeRanking::Expand(const std::vector<KnowledgeSynonyms>& synonyms) {
  if (!options_.synonyms || segmenter_ == nullptr) return;
  std::vector<std::string> related;
  for (const KnowledgeSynonyms& s : synonyms) {
    if (!std::binary_search(words_.begin(), words_.end(), s.term)) continue;
    for (const std::string& r : s.related) {
      // A related term of several words ("劳动保障监察") is looked for word by word.
      for (std::string& w : segmenter_->Words(r)) {
        if (!std::binary_search(words_.begin(), words_.end(), w)) related.push_back(std::move(w));
      }
    }
  }
  Index(kRelated, Distinct(std::move(related)));
  CollectTerms();
}

std::vector<std::string> KnowledgeRanking::SelectByRarity(
    const std::vector<TermFrequency>& frequencies) {
  // Document frequencies of every kind of term come from the stored terms of every current
  // article; candidates come from the rarest of them.
  std::vector<std::pair<int64_t, std::string>> by_frequency;
  for (const TermFrequency& f : frequencies) {
    const bool word = absl::StartsWith(f.term, kWordPrefix);
    const std::string key = word ? f.term.substr(sizeof(kWordPrefix) - 1) : f.term;
    for (Channel ch : word ? std::array{kWords, kRelated} : std::array{kBigrams, kChars}) {
      QueryTerms& channel = channels_[ch];
      if (auto it = channel.index.find(key); it != channel.index.end()) {
        channel.idf[it->second] =
            Idf(static_cast<double>(f.articles), static_cast<double>(f.articles_with));
      }
    }
    if (f.articles_with > 0) by_frequency.emplace_back(f.articles_with, f.term);
  }
  std::sort(by_frequency.begin(), by_frequency.end());
  std::vector<std::string> selected;
  int64_t rows = 0;
  for (const auto& [df, term] : by_frequency) {
    if (!selected.empty() && rows + df > kCandidateBudget) break;
    rows += df;
    selected.push_back(term);
  }
  return selected;
}

KnowledgeRanking::Candidate KnowledgeRanking::Analyse(StoredArticle stored) const {
  Candidate c;
  const v1::KnowledgeArticle& article = stored.article;
  const std::string* texts[kFieldCount] = {&article.title(), &article.question(), &article.body()};
  FieldWords words;
  if (segmenter_ != nullptr) {
    words =
        stored.words.empty() ? SegmentFields(*segmenter_, article) : ParseFieldWords(stored.words);
  }
  for (int ch = 0; ch < kChannelCount; ++ch) {
    c.tf[ch].assign(channels_[ch].terms.size(), {});
    if (ch >= kWords && segmenter_ == nullptr) continue;
    for (int f = 0; f < kFieldCount; ++f) {
      std::vector<std::string> cut;
      if (ch == kBigrams) cut = TextTerms(*texts[f]);
      if (ch == kChars) cut = CharTerms(*texts[f]);
      const std::vector<std::string>& terms = ch >= kWords ? words[f] : cut;
      c.length[ch][f] = static_cast<int>(terms.size());
      if (channels_[ch].terms.empty()) continue;
      for (const std::string& term : terms) {
        if (auto it = channels_[ch].index.find(term); it != channels_[ch].index.end()) {
          ++c.tf[ch][it->second][f];
        }
      }
    }
  }
  c.stored = std::move(stored);
  return c;
}

void KnowledgeRanking::Score(std::vector<Candidate>& candidates) const {
  const Field* fields = options_.field_weights ? kWeightedFields : kEvenFields;
  for (int ch = 0; ch < kChannelCount; ++ch) {
    std::array<double, kFieldCount> average{};
    for (const Candidate& c : candidates) {
      for (int f = 0; f < kFieldCount; ++f) average[f] += c.length[ch][f];
    }
    for (double& a : average) a = std::max(a / candidates.size(), 1.0);
    for (Candidate& c : candidates) {
      for (size_t t = 0; t < channels_[ch].terms.size(); ++t) {
        double weighted = 0;
        for (int f = 0; f < kFieldCount; ++f) {
          if (c.tf[ch][t][f] == 0) continue;
          const double norm = 1 - fields[f].b + fields[f].b * c.length[ch][f] / average[f];
          weighted += fields[f].weight * c.tf[ch][t][f] / norm;
        }
        c.score += kChannelWeight[ch] * channels_[ch].idf[t] * weighted / (kK1 + weighted);
      }
    }
  }
}

// Share of the query's bigrams found anywhere in the article.
double KnowledgeRanking::Coverage(const Candidate& c) const {
  const QueryTerms& bigrams = channels_[kBigrams];
  if (bigrams.terms.empty()) return 0;
  int found = 0;
  for (const auto& counts : c.tf[kBigrams]) {
    if (std::any_of(counts.begin(), counts.end(), [](int k) { return k > 0; })) ++found;
  }
  return static_cast<double>(found) / bigrams.terms.size();
}

std::vector<v1::KnowledgeHit> KnowledgeRanking::Rank(std::vector<StoredArticle> articles, int limit,
                                                     std::string_view category) const {
  if (articles.empty()) return {};
  std::vector<Candidate> candidates;
  candidates.reserve(articles.size());
  for (StoredArticle& a : articles) candidates.push_back(Analyse(std::move(a)));
  Score(candidates);
  if (options_.place) {
    for (Candidate& c : candidates) {
      if (CoversCategory(c.stored.article.category_prefix(), category)) c.score *= kCategoryBoost;
      if (!c.stored.article.region_prefix().empty()) c.score *= kRegionBoost;
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.stored.article.key() < b.stored.article.key();
  });
  const size_t most = static_cast<size_t>(limit <= 0 ? 10 : std::min(limit, kMaxLimit));
  std::vector<v1::KnowledgeHit> hits;
  for (size_t i = 0; i < candidates.size() && i < most; ++i) {
    v1::KnowledgeHit& hit = hits.emplace_back();
    *hit.mutable_article() = std::move(candidates[i].stored.article);
    hit.set_score(candidates[i].score);
    hit.set_coverage(Coverage(candidates[i]));
  }
  return hits;
}

}  // namespace hotline::intake
