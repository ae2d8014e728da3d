#include "services/intake/knowledge_base.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <pqxx/result>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"
#include "libs/pg/pg_array.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/intake/request_validation.h"
#include "services/intake/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

namespace {

constexpr int kMaxLimit = 50;
// Enough to hold every plausible answer; BM25 then decides the order among them.
constexpr int kMaxCandidates = 500;
// Rows the candidate query may have to look at (each costs a de-TOAST of its terms): candidates
// come from the query's rarest terms whose document frequencies add up to at most this. A term
// found in thousands of articles ("申请", "孩子") adds little to the ranking and a lot to the scan.
constexpr int64_t kCandidateBudget = 2000;

// The two-int advisory-lock space (apart from the one-bigint space other locks use) with this
// class id serialises writers of one article key: row locks cannot, because the row to lock
// is the one a concurrent writer is about to supersede, and a new key has no row at all. In
// READ COMMITTED (pqxx::work) every statement after the lock sees the previous writer's commit.
constexpr int kArticleLockClass = 0x4B42;  // "KB"
constexpr char kLockKey[] = "SELECT pg_advisory_xact_lock($1::int, hashtext($2))";

constexpr char kArticleColumns[] =
    "article_key, version, kind, title, question, body, category_prefix, region_prefix, "
    "(extract(epoch from valid_from) * 1000000)::bigint, "
    "(extract(epoch from valid_until) * 1000000)::bigint, retired_at IS NOT NULL";

constexpr char kSupersedeCurrent[] = R"sql(
UPDATE intake_knowledge_articles
SET superseded_at = 'epoch'::timestamptz + $2 * interval '1 microsecond'
WHERE article_key = $1 AND superseded_at IS NULL)sql";

// The next version follows the highest one ever stored, so a retired key continues its history.
const std::string kInsertVersion = absl::StrCat(R"sql(
INSERT INTO intake_knowledge_articles (article_key, version, kind, title, question, body,
  category_prefix, region_prefix, valid_from, valid_until, terms, created_at, created_by)
SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7,
  'epoch'::timestamptz + $8 * interval '1 microsecond',
  'epoch'::timestamptz + $9::bigint * interval '1 microsecond',
  $10::text[],
  'epoch'::timestamptz + $11 * interval '1 microsecond',
  $12
FROM intake_knowledge_articles WHERE article_key = $1
RETURNING )sql",
                                                kArticleColumns);

constexpr char kRetireCurrent[] = R"sql(
UPDATE intake_knowledge_articles
SET retired_at = 'epoch'::timestamptz + $2 * interval '1 microsecond'
WHERE article_key = $1 AND superseded_at IS NULL AND retired_at IS NULL)sql";

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

// Candidates: current articles sharing a selected term with the query (the partial GIN index),
// valid now, for the place and category asked about. A region prefix is canonical, and canonical
// codes end at segment boundaries, so a string prefix is a segment prefix; categories need the
// '/'. Past the cap, those sharing the most of all the query's terms are kept.
const std::string kSelectCandidates = absl::StrCat("SELECT ", kArticleColumns, R"sql(
FROM intake_knowledge_articles
WHERE superseded_at IS NULL AND retired_at IS NULL AND terms && $1::text[]
  AND valid_from <= 'epoch'::timestamptz + $2 * interval '1 microsecond'
  AND (valid_until IS NULL OR valid_until > 'epoch'::timestamptz + $2 * interval '1 microsecond')
  AND ($3 = '' OR region_prefix = '' OR starts_with($3, region_prefix))
  AND ($4 = '' OR category_prefix = '' OR $4 = category_prefix
       OR starts_with($4, category_prefix || '/'))
ORDER BY cardinality(ARRAY(SELECT unnest(terms) INTERSECT SELECT unnest($6::text[]))) DESC, id
LIMIT $5)sql");

// The current article of a key, if it is valid now and applies to the place and category.
const std::string kSelectApplicable = absl::StrCat("SELECT ", kArticleColumns, R"sql(
FROM intake_knowledge_articles
WHERE article_key = $1 AND superseded_at IS NULL AND retired_at IS NULL
  AND valid_from <= 'epoch'::timestamptz + $2 * interval '1 microsecond'
  AND (valid_until IS NULL OR valid_until > 'epoch'::timestamptz + $2 * interval '1 microsecond')
  AND ($3 = '' OR region_prefix = '' OR starts_with($3, region_prefix))
  AND ($4 = '' OR category_prefix = '' OR $4 = category_prefix
       OR starts_with($4, category_prefix || '/')))sql");

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
  *a.mutable_valid_from() = ticketstore::ToTimestamp(absl::FromUnixMicros(r[8].as<int64_t>()));
  if (!r[9].is_null()) {
    *a.mutable_valid_until() = ticketstore::ToTimestamp(absl::FromUnixMicros(r[9].as<int64_t>()));
  }
  a.set_retired(r[10].as<bool>());
  return a;
}

void LockKey(pqxx::work& tx, const std::string& key) {
  tx.exec_params(kLockKey, kArticleLockClass, key);
}

// The single characters of the Han (and other CJK) runs. TextTerms makes a run of one character
// into that character, so spacing the text out character by character yields them, classified and
// folded exactly as the bigrams are; ASCII words are left to the bigram channel.
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
enum Channel { kBigrams, kChars, kChannelCount };
constexpr double kChannelWeight[kChannelCount] = {1.0, 0.75};

// The query's terms of one channel and their inverse document frequencies.
struct QueryTerms {
  std::vector<std::string> terms;
  absl::flat_hash_map<std::string, int> index;
  std::vector<double> idf;

  explicit QueryTerms(std::vector<std::string> distinct) : terms(std::move(distinct)) {
    for (size_t i = 0; i < terms.size(); ++i) index.emplace(terms[i], static_cast<int>(i));
    idf.assign(terms.size(), 0.0);
  }
};

double Idf(double n, double df) { return std::log(1 + (n - df + 0.5) / (df + 0.5)); }

struct Candidate {
  v1::KnowledgeArticle article;
  // Per channel and query term, the term's count in each field; and each field's length.
  std::vector<std::array<int, kFieldCount>> tf[kChannelCount];
  std::array<int, kFieldCount> length[kChannelCount] = {};
  double score = 0;
};

Candidate Analyse(v1::KnowledgeArticle article, const QueryTerms (&query)[kChannelCount]) {
  Candidate c;
  const std::string* texts[kFieldCount] = {&article.title(), &article.question(), &article.body()};
  for (int ch = 0; ch < kChannelCount; ++ch) {
    c.tf[ch].assign(query[ch].terms.size(), {});
    for (int f = 0; f < kFieldCount; ++f) {
      const std::vector<std::string> terms =
          ch == kBigrams ? TextTerms(*texts[f]) : CharTerms(*texts[f]);
      c.length[ch][f] = static_cast<int>(terms.size());
      for (const std::string& term : terms) {
        if (auto it = query[ch].index.find(term); it != query[ch].index.end()) {
          ++c.tf[ch][it->second][f];
        }
      }
    }
  }
  c.article = std::move(article);
  return c;
}

void Score(std::vector<Candidate>& candidates, const QueryTerms (&query)[kChannelCount]) {
  for (int ch = 0; ch < kChannelCount; ++ch) {
    std::array<double, kFieldCount> average{};
    for (const Candidate& c : candidates) {
      for (int f = 0; f < kFieldCount; ++f) average[f] += c.length[ch][f];
    }
    for (double& a : average) a = std::max(a / candidates.size(), 1.0);
    for (Candidate& c : candidates) {
      for (size_t t = 0; t < query[ch].terms.size(); ++t) {
        double weighted = 0;
        for (int f = 0; f < kFieldCount; ++f) {
          if (c.tf[ch][t][f] == 0) continue;
          const double norm = 1 - kFields[f].b + kFields[f].b * c.length[ch][f] / average[f];
          weighted += kFields[f].weight * c.tf[ch][t][f] / norm;
        }
        c.score += kChannelWeight[ch] * query[ch].idf[t] * weighted / (kK1 + weighted);
      }
    }
  }
}

// Share of the query's bigrams found anywhere in the article.
double Coverage(const Candidate& c, const QueryTerms& bigrams) {
  if (bigrams.terms.empty()) return 0;
  int found = 0;
  for (const auto& counts : c.tf[kBigrams]) {
    if (std::any_of(counts.begin(), counts.end(), [](int k) { return k > 0; })) ++found;
  }
  return static_cast<double>(found) / bigrams.terms.size();
}

}  // namespace

absl::StatusOr<v1::KnowledgeArticle> KnowledgeBase::Upsert(pqxx::work& tx,
                                                           const v1::KnowledgeArticle& article,
                                                           const std::string& author) const {
  if (std::vector<FieldViolation> violations = ValidateArticle(article); !violations.empty()) {
    return InvalidFields(std::move(violations));
  }
  const int64_t now = absl::ToUnixMicros(clock_.Now());
  const int64_t valid_from =
      article.has_valid_from()
          ? absl::ToUnixMicros(ticketstore::FromTimestamp(article.valid_from()))
          : now;
  std::optional<int64_t> valid_until;
  if (article.has_valid_until()) {
    valid_until = absl::ToUnixMicros(ticketstore::FromTimestamp(article.valid_until()));
  }
  // Stored terms: the bigrams and, beside them, the single characters, so that a caller's
  // "灯坏了" still reaches "路灯" through the index.
  const std::string text =
      absl::StrCat(article.title(), "\n", article.question(), "\n", article.body());
  std::vector<std::string> all = DistinctTerms(text);
  for (std::string& c : CharTerms(text)) all.push_back(std::move(c));
  const std::string terms = pg::TextArrayLiteral(Distinct(std::move(all)));

  LockKey(tx, article.key());
  tx.exec_params(kSupersedeCurrent, article.key(), now);
  return ArticleFromRow(tx.exec_params1(
      kInsertVersion, article.key(), static_cast<int>(article.kind()), article.title(),
      article.question(), article.body(), article.category_prefix(), article.region_prefix(),
      valid_from, valid_until, terms, now, author));
}

absl::Status KnowledgeBase::Retire(pqxx::work& tx, const std::string& key) const {
  LockKey(tx, key);
  const pqxx::result result = tx.exec_params(kRetireCurrent, key, absl::ToUnixMicros(clock_.Now()));
  if (result.affected_rows() == 0) {
    return absl::NotFoundError(absl::StrCat("knowledge article ", key, " not found or retired"));
  }
  return absl::OkStatus();
}

std::vector<v1::KnowledgeHit> KnowledgeBase::Search(pqxx::transaction_base& tx,
                                                    const KnowledgeQuery& query) const {
  QueryTerms terms[kChannelCount] = {QueryTerms(DistinctTerms(query.text)),
                                     QueryTerms(Distinct(CharTerms(query.text)))};
  if (terms[kBigrams].terms.empty()) return {};
  std::vector<std::string> query_terms = terms[kBigrams].terms;
  query_terms.insert(query_terms.end(), terms[kChars].terms.begin(), terms[kChars].terms.end());
  const std::string all_terms = pg::TextArrayLiteral(Distinct(std::move(query_terms)));

  // Document frequencies of bigrams and characters alike come from the stored terms of every
  // current article; candidates come from the rarest of them.
  std::vector<std::pair<int64_t, std::string>> by_frequency;
  for (const pqxx::row& row : tx.exec_params(kDocumentFrequencies, all_terms)) {
    const auto term = row[0].as<std::string>();
    const auto df = row[1].as<int64_t>();
    for (QueryTerms& channel : terms) {
      if (auto it = channel.index.find(term); it != channel.index.end()) {
        channel.idf[it->second] = Idf(row[2].as<double>(), static_cast<double>(df));
      }
    }
    if (df > 0) by_frequency.emplace_back(df, term);
  }
  if (by_frequency.empty()) return {};
  std::sort(by_frequency.begin(), by_frequency.end());
  std::vector<std::string> selected;
  int64_t rows = 0;
  for (const auto& [df, term] : by_frequency) {
    if (!selected.empty() && rows + df > kCandidateBudget) break;
    rows += df;
    selected.push_back(term);
  }

  // A padded code ("530102000000") is the same place as its canonical form.
  std::string region = query.region_code;
  if (auto code = domain::RegionCode::Parse(region); code.ok()) region = code->code();

  std::vector<Candidate> candidates;
  for (const pqxx::row& row : tx.exec_params(kSelectCandidates, pg::TextArrayLiteral(selected),
                                             absl::ToUnixMicros(clock_.Now()), region,
                                             query.category, kMaxCandidates, all_terms)) {
    candidates.push_back(Analyse(ArticleFromRow(row), terms));
  }
  if (candidates.empty()) return {};
  Score(candidates, terms);

  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.article.key() < b.article.key();
  });
  const size_t limit =
      static_cast<size_t>(query.limit <= 0 ? 10 : std::min(query.limit, kMaxLimit));
  std::vector<v1::KnowledgeHit> hits;
  for (size_t i = 0; i < candidates.size() && i < limit; ++i) {
    v1::KnowledgeHit& hit = hits.emplace_back();
    *hit.mutable_article() = std::move(candidates[i].article);
    hit.set_score(candidates[i].score);
    hit.set_coverage(Coverage(candidates[i], terms[kBigrams]));
  }
  return hits;
}

std::optional<v1::KnowledgeArticle> KnowledgeBase::Applicable(pqxx::transaction_base& tx,
                                                              const std::string& key,
                                                              const KnowledgeQuery& scope) const {
  std::string region = scope.region_code;
  if (auto code = domain::RegionCode::Parse(region); code.ok()) region = code->code();
  const pqxx::result rows = tx.exec_params(kSelectApplicable, key, absl::ToUnixMicros(clock_.Now()),
                                           region, scope.category);
  if (rows.empty()) return std::nullopt;
  return ArticleFromRow(rows[0]);
}

}  // namespace hotline::intake
