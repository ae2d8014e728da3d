#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/text/segmenter.h"

// The terms the knowledge base is searched by. An article is stored with all of them in one array
// (the GIN index finds candidates by any): character bigrams and single characters (TextTerms,
// CharTerms), and its dictionary words with the prefix "w:" — a two-character word is also a
// bigram, but a word's document frequency is not the bigram's ("子上" is a bigram of "孩子上学",
// not a word).
namespace hotline::intake {

inline constexpr char kWordPrefix[] = "w:";

// The fields of an article, in the order of their weights.
enum ArticleField { kTitle, kQuestion, kBody, kFieldCount };

// The single characters of the Han (and other CJK) runs of `text`, classified and folded exactly
// as TextTerms' bigrams are; ASCII words are left to the bigrams.
std::vector<std::string> CharTerms(std::string_view text);

// Each field's words as `segmenter` cuts them (Segmenter::Words), unprefixed, repeats kept.
using FieldWords = std::array<std::vector<std::string>, kFieldCount>;
FieldWords SegmentFields(const text::Segmenter& segmenter,
                         const hotline::intake::v1::KnowledgeArticle& article);

// Field words as stored beside an article (so a search does not cut every candidate again):
// fields separated by '\n', words by ' ' (neither occurs in a word). Parse(Format(w)) == w.
std::string FormatFieldWords(const FieldWords& words);
FieldWords ParseFieldWords(std::string_view stored);

// The terms an article is stored with: its bigrams, its single characters and, when `words` is
// given, "w:" + each word. Distinct, sorted.
std::vector<std::string> ArticleTerms(const hotline::intake::v1::KnowledgeArticle& article,
                                      const FieldWords* words);

}  // namespace hotline::intake
