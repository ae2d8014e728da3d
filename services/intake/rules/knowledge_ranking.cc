#include "services/intake/rules/knowledge_ranking.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

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
// normalised by the field's length, then saturated once. It runs twice and adds up: over the
// bigrams, and, at a lower weight, over single characters. Callers rarely use an article's exact
// words (孩子/娃/小孩, 停水/没水): a shared character is weak evidence where no bigram matches
// (on the recall set of the integration test it lifts recall@1 from 0.56 to 0.67). Average field
// lengths are taken over the candidates.
struct Field {
  double weight;
  double b;  // length normalisation; titles and questions vary less in length than bodies
};
constexpr int kFieldCount = 3;
// Title, question, body.
constexpr Field kFields[kFieldCount] = {{2.0, 0.5}, {2.0, 0.5}, {1.0, 0.75}};
constexpr double kK1 = 1.2;
constexpr double kChannelWeight[] = {1.0, 0.75};

double Idf(double n, double df) { return std::log(1 + (n - df + 0.5) / (df + 0.5)); }

}  // namespace

// TextTerms makes a run of one character into that character, so spacing the text out character
// by character yields them.
std::vector<std::string> CharTerms(std::string_view text) {
  std::string spaced;
  spaced.reserve(text.size() * 2);
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) spaced.push_back(' ');
    spaced.push_back(c);
  }
  std::vector<std::string> chars = TextTerms(spaced);
  chars.erase(
      std::remove_if(chars.begin(), chars.end(),
                     [](const std::string& t) { return static_cast<uint8_t>(t[0]) < 0x80; }),
      chars.end());
  return chars;
}

std::vector<std::string> ArticleTerms(const v1::KnowledgeArticle& article) {
  const std::string text =
      absl::StrCat(article.title(), "\n", article.question(), "\n", article.body());
  std::vector<std::string> all = DistinctTerms(text);
  for (std::string& c : CharTerms(text)) all.push_back(std::move(c));
  return Distinct(std::move(all));
}

struct KnowledgeRanking::Candidate {
  v1::KnowledgeArticle article;
  // Per channel and query term, the term's count in each field; and each field's length.
  std::vector<std::array<int, kFieldCount>> tf[kChannelCount];
  std::array<int, kFieldCount> length[kChannelCount] = {};
  double score = 0;
};

KnowledgeRanking::KnowledgeRanking(std::string_view text) {
  channels_[kBigrams].terms = DistinctTerms(text);
  channels_[kChars].terms = Distinct(CharTerms(text));
  for (QueryTerms& channel : channels_) {
    for (size_t i = 0; i < channel.terms.size(); ++i) {
      channel.index.emplace(channel.terms[i], static_cast<int>(i));
    }
    channel.idf.assign(channel.terms.size(), 0.0);
  }
  if (channels_[kBigrams].terms.empty()) return;
  std::vector<std::string> all = channels_[kBigrams].terms;
  all.insert(all.end(), channels_[kChars].terms.begin(), channels_[kChars].terms.end());
  all_terms_ = Distinct(std::move(all));
}

std::vector<std::string> KnowledgeRanking::SelectByRarity(
    const std::vector<TermFrequency>& frequencies) {
  // Document frequencies of bigrams and characters alike come from the stored terms of every
  // current article; candidates come from the rarest of them.
  std::vector<std::pair<int64_t, std::string>> by_frequency;
  for (const TermFrequency& f : frequencies) {
    for (QueryTerms& channel : channels_) {
      if (auto it = channel.index.find(f.term); it != channel.index.end()) {
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

KnowledgeRanking::Candidate KnowledgeRanking::Analyse(v1::KnowledgeArticle article) const {
  Candidate c;
  const std::string* texts[kFieldCount] = {&article.title(), &article.question(), &article.body()};
  for (int ch = 0; ch < kChannelCount; ++ch) {
    c.tf[ch].assign(channels_[ch].terms.size(), {});
    for (int f = 0; f < kFieldCount; ++f) {
      const std::vector<std::string> terms =
          ch == kBigrams ? TextTerms(*texts[f]) : CharTerms(*texts[f]);
      c.length[ch][f] = static_cast<int>(terms.size());
      for (const std::string& term : terms) {
        if (auto it = channels_[ch].index.find(term); it != channels_[ch].index.end()) {
          ++c.tf[ch][it->second][f];
        }
      }
    }
  }
  c.article = std::move(article);
  return c;
}

void KnowledgeRanking::Score(std::vector<Candidate>& candidates) const {
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
          const double norm = 1 - kFields[f].b + kFields[f].b * c.length[ch][f] / average[f];
          weighted += kFields[f].weight * c.tf[ch][t][f] / norm;
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

std::vector<v1::KnowledgeHit> KnowledgeRanking::Rank(std::vector<v1::KnowledgeArticle> articles,
                                                     int limit) const {
  if (articles.empty()) return {};
  std::vector<Candidate> candidates;
  for (v1::KnowledgeArticle& article : articles) candidates.push_back(Analyse(std::move(article)));
  Score(candidates);
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.article.key() < b.article.key();
  });
  const size_t most = static_cast<size_t>(limit <= 0 ? 10 : std::min(limit, kMaxLimit));
  std::vector<v1::KnowledgeHit> hits;
  for (size_t i = 0; i < candidates.size() && i < most; ++i) {
    v1::KnowledgeHit& hit = hits.emplace_back();
    *hit.mutable_article() = std::move(candidates[i].article);
    hit.set_score(candidates[i].score);
    hit.set_coverage(Coverage(candidates[i]));
  }
  return hits;
}

}  // namespace hotline::intake
