#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"
#include "services/intake/rules/knowledge_ranking.h"
#include "services/intake/rules/knowledge_synonyms.h"

namespace hotline::intake {

// Where the candidates of a search are looked for.
struct CandidateQuery {
  std::vector<std::string> terms;      // an article qualifies by holding one of them
  std::vector<std::string> all_terms;  // past `limit`, those holding most of these are kept
  absl::Time at;                       // valid at this time
  std::string region_code;             // canonical; "" = anywhere
  int limit = 0;
};

// The knowledge base's articles (知识库): versions of a key, one current; retired keys stop
// being found.
class KnowledgeStore {
 public:
  virtual ~KnowledgeStore() = default;

  // Stores `article` (valid from `valid_from`, until `valid_until` when set) as the next version
  // of its key with its search `terms` and field `words` (FormatFieldWords), superseding the
  // current one; writers of one key wait for each other. Returns it as stored.
  virtual hotline::intake::v1::KnowledgeArticle PutVersion(
      Transaction& tx, const hotline::intake::v1::KnowledgeArticle& article,
      const std::vector<std::string>& terms, const std::string& words, absl::Time valid_from,
      std::optional<absl::Time> valid_until, absl::Time at, const std::string& author) const = 0;
  // Retires the current version of `key` at `at`; false when there is none.
  virtual bool RetireCurrent(Transaction& tx, const std::string& key, absl::Time at) const = 0;

  // Document frequencies of `terms` over every current article.
  virtual std::vector<TermFrequency> Frequencies(Transaction& tx,
                                                 const std::vector<std::string>& terms) const = 0;
  // Current, unretired articles valid at the time that apply to the place, with their words.
  virtual std::vector<StoredArticle> Candidates(Transaction& tx,
                                                const CandidateQuery& query) const = 0;
  // The current version of `key` if it is valid at `at` and applies to the place and category.
  virtual std::optional<hotline::intake::v1::KnowledgeArticle> Applicable(
      Transaction& tx, const std::string& key, absl::Time at, const std::string& region_code,
      const std::string& category) const = 0;

  // The related terms of those of `words` that have some.
  virtual std::vector<KnowledgeSynonyms> Synonyms(Transaction& tx,
                                                  const std::vector<std::string>& words) const = 0;
  // Replaces the related terms of `synonyms.term` (none: removes it).
  virtual void PutSynonyms(Transaction& tx, const KnowledgeSynonyms& synonyms, absl::Time at,
                           const std::string& author) const = 0;
  // Every term with its related terms, by term.
  virtual std::vector<KnowledgeSynonyms> AllSynonyms(Transaction& tx) const = 0;
};

// On PostgreSQL (intake_knowledge_articles). The reads also run in autocommit, for the
// submission writers.
class PgKnowledgeStore final : public KnowledgeStore {
 public:
  hotline::intake::v1::KnowledgeArticle PutVersion(
      Transaction& tx, const hotline::intake::v1::KnowledgeArticle& article,
      const std::vector<std::string>& terms, const std::string& words, absl::Time valid_from,
      std::optional<absl::Time> valid_until, absl::Time at,
      const std::string& author) const override;
  bool RetireCurrent(Transaction& tx, const std::string& key, absl::Time at) const override;
  std::vector<TermFrequency> Frequencies(Transaction& tx,
                                         const std::vector<std::string>& terms) const override;
  std::vector<StoredArticle> Candidates(Transaction& tx,
                                        const CandidateQuery& query) const override;
  std::optional<hotline::intake::v1::KnowledgeArticle> Applicable(
      Transaction& tx, const std::string& key, absl::Time at, const std::string& region_code,
      const std::string& category) const override;
  std::vector<KnowledgeSynonyms> Synonyms(Transaction& tx,
                                          const std::vector<std::string>& words) const override;
  void PutSynonyms(Transaction& tx, const KnowledgeSynonyms& synonyms, absl::Time at,
                   const std::string& author) const override;
  std::vector<KnowledgeSynonyms> AllSynonyms(Transaction& tx) const override;

 private:
  std::vector<TermFrequency> Frequencies(pqxx::transaction_base& tx,
                                         const std::vector<std::string>& terms) const;
  std::vector<StoredArticle> Candidates(pqxx::transaction_base& tx,
                                        const CandidateQuery& query) const;
  std::vector<KnowledgeSynonyms> Synonyms(pqxx::transaction_base& tx,
                                          const std::vector<std::string>& words) const;
  std::optional<hotline::intake::v1::KnowledgeArticle> Applicable(
      pqxx::transaction_base& tx, const std::string& key, absl::Time at,
      const std::string& region_code, const std::string& category) const;
};

}  // namespace hotline::intake
