#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotline::intake {

// Search terms of a text, for the knowledge base and duplicate detection. Chinese is written
// without spaces, so Han (and other CJK) runs become overlapping character bigrams (a run of one
// character becomes that character); runs of ASCII letters and digits become whole lower-cased
// words; full-width letters, digits and punctuation are folded to ASCII first; everything else
// (punctuation, spaces, emoji) separates runs. Invalid UTF-8 bytes are skipped.
//   "孩子上学怎么办？" → {"孩子", "子上", "上学", "学怎", "怎么", "么办"}
//   "ETC卡办理"        → {"etc", "卡办", "办理"}
std::vector<std::string> TextTerms(std::string_view text);

// The distinct terms, sorted (for storing as a PostgreSQL text[] and set operations).
std::vector<std::string> DistinctTerms(std::string_view text);

// The distinct terms as sorted 64-bit hashes: a compact form to compare many texts with.
std::vector<uint64_t> TermSignature(std::string_view text);

// |A ∩ B| / |A ∪ B| of two sorted distinct term lists (or signatures); 0 when both are empty.
double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b);
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace hotline::intake
