#pragma once

#include <string>
#include <vector>

#include "hotline/intake/v1/intake.pb.h"

// What bench_knowledge searches: the shipped articles, the labelled questions, and articles made
// from the real ones by variation to fill a knowledge base of 10,000.
namespace hotline::bench {

struct LabelledQuestion {
  std::string key;  // the article that answers it
  std::string text;
};

// bench/knowledge/questions.tsv (key, tab, question; '#' comments). Fails the run on a bad line.
std::vector<LabelledQuestion> ReadQuestions(const std::string& path);

// `count` articles made from `real` by variation, each a national article of the same kind and
// category as its source, keyed "<source key>/v<n>": the title and question name a city, the
// body's sentences are rotated, one dropped, and one sentence of another article added — as
// the same policy reads in another city's knowledge base, with some of its neighbour's text.
std::vector<hotline::intake::v1::KnowledgeArticle> Variants(
    const std::vector<hotline::intake::v1::KnowledgeArticle>& real, int count);

// The key of the real article an article (real or variant) was made from.
std::string SourceKey(const std::string& key);

}  // namespace hotline::bench
