// bench_knowledge: how well and how fast the knowledge base answers callers' questions.
//
//   deploy/local/suite up --fresh --no-services
//   build/bin/bench_knowledge --env_file=.suite/endpoints.env
//   deploy/local/suite down --purge
//
// In a scratch database on the suite's PostgreSQL, through KnowledgeBase and PgKnowledgeStore
// (the code and statements of SearchKnowledge): loads the shipped articles and synonyms
// (deploy/knowledge/), asks every labelled question of bench/knowledge/questions.tsv, and prints
// recall@1, recall@3 and MRR@10 with and without each of word segmentation, synonyms and field
// weights; then fills the base to --total_articles with variations of the real articles and
// prints the search times, p50 and p99. PASS/MISS against recall@1 ≥ 0.85, recall@3 ≥ 0.97,
// p99 ≤ 20 ms.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/knowledge/corpus.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "libs/text/segmenter.h"
#include "services/intake/app/knowledge_base.h"
#include "services/intake/store/knowledge_store.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/scratch_database.h"
#include "tests/support/core/stats.h"
#include "tools/knowledge/knowledge_files.h"

ABSL_FLAG(std::string, env_file, ".suite/endpoints.env", "the suite's endpoints (PG_URL)");
ABSL_FLAG(std::string, articles, "deploy/knowledge/articles.txt", "the shipped articles");
ABSL_FLAG(std::string, synonyms, "deploy/knowledge/synonyms.txt", "the shipped synonyms");
ABSL_FLAG(std::string, questions, "bench/knowledge/questions.tsv", "the labelled questions");
ABSL_FLAG(std::string, dict, hotline::text::kDebianJiebaDictionary, "jieba's dict.txt");
ABSL_FLAG(int, total_articles, 10000, "articles in the base for the search times");
ABSL_FLAG(int, rounds, 1, "times every question is asked for the search times");
ABSL_FLAG(bool, misses, false, "print the questions the full ranking misses at rank 1");

namespace hotline::bench {
namespace {

namespace v1 = hotline::intake::v1;
using intake::KnowledgeBase;
using intake::KnowledgeSearchSettings;
using intake::RankingOptions;

struct Configuration {
  const char* name;
  RankingOptions options;
};

// The search before words (bigrams and characters with field weights) is the second row; each
// row after adds one refinement, and the last three take one away from the whole.
const Configuration kConfigurations[] = {
    {"bigrams + characters", {false, false, false, true}},
    {"  + field weights (before)", {false, false, true, true}},
    {"  + word segmentation", {true, false, true, true}},
    {"  + synonyms (all)", {true, true, true, true}},
    {"all but field weights", {true, true, false, true}},
    {"all but segmentation", {false, true, true, true}},
    {"all but synonyms", {true, false, true, true}},
};

struct Recall {
  double at1 = 0, at3 = 0, mrr = 0;
};

struct Searcher {
  pg::PgTransactionRunner& runner;
  const intake::PgKnowledgeStore& store;
  const Clock& clock;
  const text::Segmenter* segmenter;

  std::vector<v1::KnowledgeHit> Search(const std::string& text, RankingOptions options) {
    KnowledgeBase kb(runner, store, clock, KnowledgeSearchSettings{segmenter, options});
    auto hits = kb.Search({text, "", "", 10});
    if (!hits.ok()) support::Fail(std::string(hits.status().message()));
    return *std::move(hits);
  }
};

Recall Measure(Searcher& s, const std::vector<LabelledQuestion>& questions, RankingOptions o,
               bool print_misses) {
  Recall r;
  for (const LabelledQuestion& q : questions) {
    const auto hits = s.Search(q.text, o);
    int rank = 0;
    for (size_t i = 0; i < hits.size() && rank == 0; ++i) {
      if (SourceKey(hits[i].article().key()) == q.key) rank = static_cast<int>(i) + 1;
    }
    r.at1 += rank == 1;
    r.at3 += rank >= 1 && rank <= 3;
    if (rank > 0) r.mrr += 1.0 / rank;
    if (print_misses && rank != 1) {
      std::printf("    rank %s  %s  (top %s)  %s\n", rank ? std::to_string(rank).c_str() : "-",
                  q.key.c_str(), hits.empty() ? "none" : hits[0].article().key().c_str(),
                  q.text.c_str());
    }
  }
  const double n = static_cast<double>(questions.size());
  return {r.at1 / n, r.at3 / n, r.mrr / n};
}

const char* Verdict(bool pass) { return pass ? "PASS" : "MISS"; }

int Run() {
  const auto env = support::ReadEnvFile(absl::GetFlag(FLAGS_env_file));
  if (env.count("PG_URL") == 0) {
    support::Fail(absl::StrCat("need PG_URL in ", absl::GetFlag(FLAGS_env_file),
                               ": run deploy/local/suite up --no-services"));
  }
  auto segmenter = text::Segmenter::FromFile(absl::GetFlag(FLAGS_dict));
  if (!segmenter.ok()) support::Fail(std::string(segmenter.status().message()));
  auto articles_text = knowledge::ReadFile(absl::GetFlag(FLAGS_articles));
  auto synonyms_text = knowledge::ReadFile(absl::GetFlag(FLAGS_synonyms));
  if (!articles_text.ok() || !synonyms_text.ok()) support::Fail("cannot read the knowledge files");
  auto articles = knowledge::ParseArticles(*articles_text);
  auto synonyms = knowledge::ParseSynonyms(*synonyms_text);
  if (!articles.ok() || !synonyms.ok()) support::Fail("bad knowledge files");
  const std::vector<LabelledQuestion> questions = ReadQuestions(absl::GetFlag(FLAGS_questions));

  const std::string name = absl::StrCat("bench_knowledge_", getpid());
  auto url = support::CreateScratchDatabase(env.at("PG_URL"), name, /*migrate=*/true);
  if (!url.ok()) support::Fail(std::string(url.status().message()));
  support::AddCleanup([&] { support::DropScratchDatabase(env.at("PG_URL"), name); });
  pg::PgPool pool({.url = *url, .size = 3});
  pg::PgTransactionRunner runner(pool);
  const intake::PgKnowledgeStore store;
  const Clock& clock = SystemClock::Get();
  KnowledgeBase editor(runner, store, clock, {segmenter->get(), {}});
  for (const v1::KnowledgeArticle& a : *articles) {
    if (auto s = editor.Upsert(a, "bench"); !s.ok()) support::Fail(s.status().ToString());
  }
  for (const v1::KnowledgeSynonyms& s : *synonyms) {
    auto set = editor.SetSynonyms({s.term(), {s.related().begin(), s.related().end()}}, "bench");
    if (!set.ok()) support::Fail(set.status().ToString());
  }
  Searcher searcher{runner, store, clock, segmenter->get()};
  std::printf("knowledge benchmark: %zu articles, %zu synonym terms, %zu questions\n\n",
              articles->size(), synonyms->size(), questions.size());
  std::printf("%-30s %9s %9s %7s\n", "ranking", "recall@1", "recall@3", "MRR@10");
  Recall all;
  for (const Configuration& c : kConfigurations) {
    const Recall r = Measure(searcher, questions, c.options, false);
    if (c.options.words && c.options.synonyms && c.options.field_weights) all = r;
    std::printf("%-30s %9.3f %9.3f %7.3f\n", c.name, r.at1, r.at3, r.mrr);
  }
  if (absl::GetFlag(FLAGS_misses)) {
    std::printf("\nmissed at rank 1 by the full ranking:\n");
    Measure(searcher, questions, {}, true);
  }

  const int total = absl::GetFlag(FLAGS_total_articles);
  if (total <= 0) {
    support::DropScratchDatabase(env.at("PG_URL"), name);
    return 0;
  }
  const absl::Time load_start = absl::Now();
  const std::vector<v1::KnowledgeArticle> variants =
      Variants(*articles, std::max(0, total - static_cast<int>(articles->size())));
  // Two writers: each upsert is a transaction of its own, as an office's edits are.
  std::vector<std::thread> writers;
  for (size_t w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      for (size_t i = w; i < variants.size(); i += 2) {
        if (auto s = editor.Upsert(variants[i], "bench"); !s.ok()) {
          support::Fail(s.status().ToString());
        }
      }
    });
  }
  for (std::thread& t : writers) t.join();
  std::printf(
      "\n%d articles (variations of the real ones added in %.0f s); search times over "
      "%d rounds of the questions:\n",
      total, absl::ToDoubleSeconds(absl::Now() - load_start), absl::GetFlag(FLAGS_rounds));
  std::printf("%-30s %9s %9s %9s %9s\n", "ranking", "recall@1", "recall@3", "p50 ms", "p99 ms");
  double all_p99 = 0;
  // The search before words, and the whole.
  for (const Configuration& c : {kConfigurations[1], kConfigurations[3]}) {
    std::vector<double> ms;
    for (int round = 0; round < absl::GetFlag(FLAGS_rounds); ++round) {
      for (const LabelledQuestion& q : questions) {
        const absl::Time start = absl::Now();
        searcher.Search(q.text, c.options);
        ms.push_back(support::Ms(absl::Now() - start));
      }
    }
    const Recall r = Measure(searcher, questions, c.options, false);
    const double p99 = support::Percentile(ms, 0.99);
    if (c.options.words && c.options.synonyms && c.options.field_weights) all_p99 = p99;
    std::printf("%-30s %9.3f %9.3f %9.2f %9.2f\n", c.name, r.at1, r.at3,
                support::Percentile(ms, 0.5), p99);
  }
  std::printf("(at %d articles a variation of the right article counts as right)\n\n", total);
  std::printf("%s recall@1 %.3f (target >= 0.85)\n", Verdict(all.at1 >= 0.85), all.at1);
  std::printf("%s recall@3 %.3f (target >= 0.97)\n", Verdict(all.at3 >= 0.97), all.at3);
  std::printf("%s p99 %.2f ms over %d articles (target <= 20 ms)\n", Verdict(all_p99 <= 20),
              all_p99, total);
  support::DropScratchDatabase(env.at("PG_URL"), name);
  return 0;
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // the tables as they come
  return hotline::bench::Run();
}
