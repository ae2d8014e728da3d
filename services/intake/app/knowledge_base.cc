#include "services/intake/app/knowledge_base.h"

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/domain/region_code.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

std::string ArticleRegion(const std::string& region_code) {
  // A padded code ("530102000000") is the same place as its canonical form.
  if (auto code = domain::RegionCode::Parse(region_code); code.ok()) return code->code();
  return region_code;
}

std::vector<v1::KnowledgeHit> SearchArticles(const KnowledgeQuery& query, absl::Time now,
                                             const KnowledgeReads& reads,
                                             const KnowledgeSearchSettings& settings) {
  KnowledgeRanking ranking(query.text, settings.segmenter, settings.ranking);
  if (ranking.terms().empty()) return {};
  if (settings.ranking.synonyms && !ranking.words().empty()) {
    ranking.Expand(reads.synonyms(ranking.words()));
  }
  std::vector<std::string> selected = ranking.SelectByRarity(reads.frequencies(ranking.terms()));
  if (selected.empty()) return {};
  CandidateQuery candidates{std::move(selected), ranking.terms(), now,
                            ArticleRegion(query.region_code), KnowledgeRanking::kMaxCandidates};
  return ranking.Rank(reads.candidates(candidates), query.limit, query.category);
}

absl::StatusOr<v1::KnowledgeArticle> KnowledgeBase::Upsert(const v1::KnowledgeArticle& article,
                                                           const std::string& author) {
  if (std::vector<FieldViolation> violations = ValidateArticle(article); !violations.empty()) {
    return InvalidFields(std::move(violations));
  }
  const absl::Time now = clock_.Now();
  const absl::Time valid_from =
      article.has_valid_from() ? FromTimestamp(article.valid_from()) : now;
  std::optional<absl::Time> valid_until;
  if (article.has_valid_until()) valid_until = FromTimestamp(article.valid_until());
  std::optional<FieldWords> words;
  if (settings_.segmenter != nullptr) words = SegmentFields(*settings_.segmenter, article);
  const std::vector<std::string> terms = ArticleTerms(article, words ? &*words : nullptr);
  const std::string stored_words = words ? FormatFieldWords(*words) : "";
  return transactions_.RunFor<v1::KnowledgeArticle>(
      [&](Transaction& tx) -> absl::StatusOr<v1::KnowledgeArticle> {
        return store_.PutVersion(tx, article, terms, stored_words, valid_from, valid_until, now,
                                 author);
      });
}

absl::Status KnowledgeBase::Retire(const std::string& key) {
  if (key.empty()) return InvalidFields({{"key", "is required"}});
  return transactions_.Run([&](Transaction& tx) {
    if (!store_.RetireCurrent(tx, key, clock_.Now())) {
      return absl::NotFoundError(absl::StrCat("knowledge article ", key, " not found or retired"));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<v1::KnowledgeHit>> KnowledgeBase::Search(const KnowledgeQuery& query) {
  return transactions_.RunFor<std::vector<v1::KnowledgeHit>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::KnowledgeHit>> {
        auto frequencies = [&](const std::vector<std::string>& terms) {
          return store_.Frequencies(tx, terms);
        };
        auto candidates = [&](const CandidateQuery& q) { return store_.Candidates(tx, q); };
        auto synonyms = [&](const std::vector<std::string>& words) {
          return store_.Synonyms(tx, words);
        };
        return SearchArticles(query, clock_.Now(), {frequencies, candidates, synonyms}, settings_);
      });
}

absl::StatusOr<KnowledgeSynonyms> KnowledgeBase::SetSynonyms(KnowledgeSynonyms synonyms,
                                                             const std::string& author) {
  if (std::vector<FieldViolation> violations = ValidateSynonyms(synonyms); !violations.empty()) {
    return InvalidFields(std::move(violations));
  }
  absl::Status written = transactions_.Run([&](Transaction& tx) {
    store_.PutSynonyms(tx, synonyms, clock_.Now(), author);
    return absl::OkStatus();
  });
  if (!written.ok()) return written;
  return synonyms;
}

absl::StatusOr<std::vector<KnowledgeSynonyms>> KnowledgeBase::ListSynonyms() {
  return transactions_.RunFor<std::vector<KnowledgeSynonyms>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<KnowledgeSynonyms>> {
        return store_.AllSynonyms(tx);
      });
}

}  // namespace hotline::intake
