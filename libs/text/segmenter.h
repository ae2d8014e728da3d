#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

// Chinese is written without spaces between words. A segmenter cuts a text into the words of a
// dictionary the way jieba does without its HMM: every dictionary word found at each position
// forms a graph, and the path through it with the highest product of word probabilities wins.
namespace hotline::text {

// Where Debian's python3-jieba installs its dictionary (349,046 words with frequencies).
inline constexpr char kDebianJiebaDictionary[] = "/usr/lib/python3/dist-packages/jieba/dict.txt";

class Segmenter {
 public:
  // From the lines of a jieba dictionary: "word frequency [part-of-speech]", one a line. Lines
  // without a positive frequency are skipped; INVALID_ARGUMENT when none is left.
  static absl::StatusOr<std::unique_ptr<Segmenter>> FromLines(std::string_view lines);
  // Reads the file at `path`: NOT_FOUND (naming the path) when it cannot be read.
  static absl::StatusOr<std::unique_ptr<Segmenter>> FromFile(const std::string& path);

  // The words of `text`, in order, repeats kept. Han runs are cut along the most probable path;
  // a run of single characters the dictionary does not join also yields its character pairs
  // (names and new words are found there, as jieba's HMM would); a word longer than two
  // characters also yields its dictionary sub-words of two and three characters (jieba's search
  // mode: 未成年人 → 成年, 未成年, 成年人), so a query's short word meets an article's long one.
  // ASCII letters and digits become lower-cased words; full-width forms are folded first;
  // everything else separates.
  //   "孩子被打了找谁" → {"孩子", "被", "打", "了", "找", "谁", "被打", "打了", "了找", "找谁"}
  std::vector<std::string> Words(std::string_view text) const;

  // Whether `word` is in the dictionary with a positive frequency.
  bool Contains(std::string_view word) const;
  size_t size() const { return words_; }

 private:
  Segmenter() = default;
  void CutRun(const std::u32string& run, std::vector<std::string>& out) const;
  // 0 for a prefix of a word that is no word itself; absent when not even a prefix.
  const int64_t* Find(std::string_view piece) const;

  // Every word and every prefix of a word (with frequency 0), so that the look-up of longer
  // pieces at one position stops as soon as no word can start with the piece.
  absl::flat_hash_map<std::string, int64_t> frequencies_;
  double log_total_ = 0;
  size_t words_ = 0;
};

}  // namespace hotline::text
