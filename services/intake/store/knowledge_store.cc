#include "services/intake/store/knowledge_store.h"

#include <pqxx/result>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

namespace {

// Every statement returning articles selects these columns, in this order (ArticleFromRow).
#define INTAKE_ARTICLE_COLUMNS                                                          \
  "article_key, version, kind, title, question, body, category_prefix, region_prefix, " \
  "(extract(epoch from valid_from) * 1000000)::bigint, "                                \
  "(extract(epoch from valid_until) * 1000000)::bigint, retired_at IS NOT NULL"

v1::KnowledgeArticle ArticleFromRow(const pqxx::row& r) {
  v1::KnowledgeArticle a;
  a.set_key(r[0].as<std::string>());
  a.set_version(r[1].as<int>());
  a.set_kind(static_cast<v1::ArticleKind>(r[2].as<int>()));
  a.set_title(r[3].as<std::string>());
  a.set_question(r[4].as<std::string>());
  a.set_body(r[5].as<std::string>());
  a.set_category_prefix(r[6].as<std::string>());
  a.set_region_prefix(r[7].as<std::string>());
  *a.mutable_valid_from() = ToTimestamp(absl::FromUnixMicros(r[8].as<int64_t>()));
  if (!r[9].is_null()) {
    *a.mutable_valid_until() = ToTimestamp(absl::FromUnixMicros(r[9].as<int64_t>()));
  }
  a.set_retired(r[10].as<bool>());
  return a;
}

// The two-int advisory-lock space (apart from the one-bigint space other locks use) with this
// class id serialises writers of one article key: row locks cannot, because the row to lock
// is the one a concurrent writer is about to supersede, and a new key has no row at all. In
// READ COMMITTED (pqxx::work) every statement after the lock sees the previous writer's commit.
constexpr int kArticleLockClass = 0x4B42;  // "KB"
constexpr char kLockKey[] = "SELECT pg_advisory_xact_lock($1::int, hashtext($2))";

void LockKey(pqxx::work& tx, const std::string& key) {
  tx.exec_params(kLockKey, kArticleLockClass, key);
}

}  // namespace

constexpr char kSupersedeCurrent[] = R"sql(
UPDATE intake_knowledge_articles
SET superseded_at = 'epoch'::timestamptz + $2 * interval '1 microsecond'
WHERE article_key = $1 AND superseded_at IS NULL)sql";

// The next version follows the highest one ever stored, so a retired key continues its history.
constexpr char kInsertVersion[] = R"sql(
INSERT INTO intake_knowledge_articles (article_key, version, kind, title, question, body,
  category_prefix, region_prefix, valid_from, valid_until, terms, created_at, created_by, words)
SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7,
  'epoch'::timestamptz + $8 * interval '1 microsecond',
  'epoch'::timestamptz + $9::bigint * interval '1 microsecond',
  $10::text[],
  'epoch'::timestamptz + $11 * interval '1 microsecond',
  $12, $13
FROM intake_knowledge_articles WHERE article_key = $1
RETURNING )sql" INTAKE_ARTICLE_COLUMNS;

v1::KnowledgeArticle PgKnowledgeStore::PutVersion(Transaction& tx,
                                                  const v1::KnowledgeArticle& article,
                                                  const std::vector<std::string>& terms,
                                                  const std::string& words, absl::Time valid_from,
                                                  std::optional<absl::Time> valid_until,
                                                  absl::Time at, const std::string& author) const {
  pqxx::work& work = pg::Work(tx);
  const int64_t now = absl::ToUnixMicros(at);
  std::optional<int64_t> until;
  if (valid_until) until = absl::ToUnixMicros(*valid_until);
  LockKey(work, article.key());
  work.exec_params(kSupersedeCurrent, article.key(), now);
  return ArticleFromRow(work.exec_params1(
      kInsertVersion, article.key(), static_cast<int>(article.kind()), article.title(),
      article.question(), article.body(), article.category_prefix(), article.region_prefix(),
      absl::ToUnixMicros(valid_from), until, pg::TextArrayLiteral(terms), now, author, words));
}

constexpr char kRetireCurrent[] = R"sql(
UPDATE intake_knowledge_articles
SET retired_at = 'epoch'::timestamptz + $2 * interval '1 microsecond'
WHERE article_key = $1 AND superseded_at IS NULL AND retired_at IS NULL)sql";

bool PgKnowledgeStore::RetireCurrent(Transaction& tx, const std::string& key, absl::Time at) const {
  pqxx::work& work = pg::Work(tx);
  LockKey(work, key);
  return work.exec_params(kRetireCurrent, key, absl::ToUnixMicros(at)).affected_rows() > 0;
}

// Document frequencies over every current article (not just the candidates, which all share
// query terms and would make common terms look rare): one GIN index look-up per term, and the
// number of current articles.
constexpr char kDocumentFrequencies[] = R"sql(
SELECT q.term,
  (SELECT count(*) FROM intake_knowledge_articles a
   WHERE a.superseded_at IS NULL AND a.retired_at IS NULL AND a.terms @> ARRAY[q.term]),
  (SELECT count(*) FROM intake_knowledge_articles
   WHERE superseded_at IS NULL AND retired_at IS NULL)
FROM unnest($1::text[]) AS q(term))sql";

std::vector<TermFrequency> PgKnowledgeStore::Frequencies(
    pqxx::transaction_base& tx, const std::vector<std::string>& terms) const {
  std::vector<TermFrequency> frequencies;
  for (const pqxx::row& row : tx.exec_params(kDocumentFrequencies, pg::TextArrayLiteral(terms))) {
    frequencies.push_back({row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
  }
  return frequencies;
}

// Candidates: current articles sharing a selected term with the query (the partial GIN index),
// valid now, for the place asked about (the category only ranks: KnowledgeRanking::Rank). A
// region prefix is canonical, and canonical codes end at segment boundaries, so a string prefix
// is a segment prefix. Past the cap, those sharing the most of all the query's terms are kept.
constexpr char kSelectCandidates[] = "SELECT " INTAKE_ARTICLE_COLUMNS R"sql(, words
FROM intake_knowledge_articles
WHERE superseded_at IS NULL AND retired_at IS NULL AND terms && $1::text[]
  AND valid_from <= 'epoch'::timestamptz + $2 * interval '1 microsecond'
  AND (valid_until IS NULL OR valid_until > 'epoch'::timestamptz + $2 * interval '1 microsecond')
  AND ($3 = '' OR region_prefix = '' OR starts_with($3, region_prefix))
ORDER BY cardinality(ARRAY(SELECT unnest(terms) INTERSECT SELECT unnest($5::text[]))) DESC, id
LIMIT $4)sql";

std::vector<StoredArticle> PgKnowledgeStore::Candidates(pqxx::transaction_base& tx,
                                                        const CandidateQuery& query) const {
  std::vector<StoredArticle> articles;
  for (const pqxx::row& row : tx.exec_params(kSelectCandidates, pg::TextArrayLiteral(query.terms),
                                             absl::ToUnixMicros(query.at), query.region_code,
                                             query.limit, pg::TextArrayLiteral(query.all_terms))) {
    articles.push_back({ArticleFromRow(row), row[11].as<std::string>()});
  }
  return articles;
}

// The current article of a key, if it is valid now and applies to the place and category.
constexpr char kSelectApplicable[] = "SELECT " INTAKE_ARTICLE_COLUMNS R"sql(
FROM intake_knowledge_articles
WHERE article_key = $1 AND superseded_at IS NULL AND retired_at IS NULL
  AND valid_from <= 'epoch'::timestamptz + $2 * interval '1 microsecond'
  AND (valid_until IS NULL OR valid_until > 'epoch'::timestamptz + $2 * interval '1 microsecond')
  AND ($3 = '' OR region_prefix = '' OR starts_with($3, region_prefix))
  AND ($4 = '' OR category_prefix = '' OR $4 = category_prefix
       OR starts_with($4, category_prefix || '/')))sql";

std::optional<v1::KnowledgeArticle> PgKnowledgeStore::Applicable(
    pqxx::transaction_base& tx, const std::string& key, absl::Time at,
    const std::string& region_code, const std::string& category) const {
  const pqxx::result rows =
      tx.exec_params(kSelectApplicable, key, absl::ToUnixMicros(at), region_code, category);
  if (rows.empty()) return std::nullopt;
  return ArticleFromRow(rows[0]);
}

std::vector<TermFrequency> PgKnowledgeStore::Frequencies(
    Transaction& tx, const std::vector<std::string>& terms) const {
  return Frequencies(pg::Statements(tx), terms);
}

std::vector<StoredArticle> PgKnowledgeStore::Candidates(Transaction& tx,
                                                        const CandidateQuery& query) const {
  return Candidates(pg::Statements(tx), query);
}

constexpr char kSelectSynonyms[] = R"sql(
SELECT term, related FROM intake_knowledge_synonyms WHERE term = ANY($1::text[]) ORDER BY term)sql";

std::vector<KnowledgeSynonyms> PgKnowledgeStore::Synonyms(
    pqxx::transaction_base& tx, const std::vector<std::string>& words) const {
  std::vector<KnowledgeSynonyms> out;
  if (words.empty()) return out;
  for (const pqxx::row& row : tx.exec_params(kSelectSynonyms, pg::TextArrayLiteral(words))) {
    out.push_back({row[0].as<std::string>(), pg::TextArrayOf(row[1])});
  }
  return out;
}

std::vector<KnowledgeSynonyms> PgKnowledgeStore::Synonyms(
    Transaction& tx, const std::vector<std::string>& words) const {
  return Synonyms(pg::Statements(tx), words);
}

constexpr char kUpsertSynonyms[] = R"sql(
INSERT INTO intake_knowledge_synonyms (term, related, updated_at, updated_by)
VALUES ($1, $2::text[], 'epoch'::timestamptz + $3 * interval '1 microsecond', $4)
ON CONFLICT (term) DO UPDATE
SET related = excluded.related, updated_at = excluded.updated_at, updated_by = excluded.updated_by)sql";

constexpr char kDeleteSynonyms[] = "DELETE FROM intake_knowledge_synonyms WHERE term = $1";

void PgKnowledgeStore::PutSynonyms(Transaction& tx, const KnowledgeSynonyms& synonyms,
                                   absl::Time at, const std::string& author) const {
  pqxx::work& work = pg::Work(tx);
  if (synonyms.related.empty()) {
    work.exec_params(kDeleteSynonyms, synonyms.term);
    return;
  }
  work.exec_params(kUpsertSynonyms, synonyms.term, pg::TextArrayLiteral(synonyms.related),
                   absl::ToUnixMicros(at), author);
}

constexpr char kSelectAllSynonyms[] =
    "SELECT term, related FROM intake_knowledge_synonyms ORDER BY term";

std::vector<KnowledgeSynonyms> PgKnowledgeStore::AllSynonyms(Transaction& tx) const {
  std::vector<KnowledgeSynonyms> out;
  for (const pqxx::row& row : pg::Statements(tx).exec(kSelectAllSynonyms)) {
    out.push_back({row[0].as<std::string>(), pg::TextArrayOf(row[1])});
  }
  return out;
}

std::optional<v1::KnowledgeArticle> PgKnowledgeStore::Applicable(
    Transaction& tx, const std::string& key, absl::Time at, const std::string& region_code,
    const std::string& category) const {
  return Applicable(pg::Statements(tx), key, at, region_code, category);
}

#undef INTAKE_ARTICLE_COLUMNS

}  // namespace hotline::intake
