#include "services/intake/rules/text_terms.h"

#include <algorithm>
#include <cstdint>

#include "libs/common/fnv.h"
#include "libs/common/utf8.h"

namespace hotline::intake {
namespace {

// What a code point contributes to term building.
enum class CharClass { kSeparator, kWord, kHan };

// Scripts written without spaces between words: runs of these become bigrams.
bool IsCjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF)       // CJK Unified Ideographs
         || (c >= 0x3400 && c <= 0x4DBF)    // Extension A
         || (c >= 0xF900 && c <= 0xFAFF)    // Compatibility Ideographs
         || (c >= 0x20000 && c <= 0x3134F)  // Extensions B–G and Compatibility Supplement
         || c == 0x3005 || c == 0x3007      // 々 (repetition mark), 〇 (as in 二〇二四年)
         || (c >= 0x3041 && c <= 0x309F)    // Hiragana
         || (c >= 0x30A1 && c <= 0x30FA)    // Katakana (not ・, which is punctuation)
         || (c >= 0x30FC && c <= 0x30FF)    // ー and Katakana iteration marks
         || (c >= 0x31F0 && c <= 0x31FF)    // Katakana Phonetic Extensions
         || (c >= 0xFF66 && c <= 0xFF9F)    // Half-width Katakana
         || (c >= 0x1100 && c <= 0x11FF)    // Hangul Jamo
         || (c >= 0x3131 && c <= 0x318E)    // Hangul Compatibility Jamo
         || (c >= 0xAC00 && c <= 0xD7A3);   // Hangul Syllables
}

// Full-width forms are what Chinese input methods type by default; folding them makes "ＥＴＣ"
// and "１２３４５" the same terms as "ETC" and "12345".
CharClass Classify(char32_t* c) {
  if (*c >= 0xFF01 && *c <= 0xFF5E) *c -= 0xFEE0;
  if (*c >= 'A' && *c <= 'Z') {
    *c += 'a' - 'A';
    return CharClass::kWord;
  }
  if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')) return CharClass::kWord;
  if (IsCjk(*c)) return CharClass::kHan;
  return CharClass::kSeparator;  // punctuation, spaces (U+3000 too), emoji, other scripts
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Accumulates the current run and turns it into terms when the run ends.
class TermBuilder {
 public:
  explicit TermBuilder(std::vector<std::string>* terms) : terms_(terms) {}

  void Add(CharClass cls, char32_t c) {
    if (cls != cls_) Flush();
    cls_ = cls;
    if (cls == CharClass::kWord) {
      word_.push_back(static_cast<char>(c));
    } else if (cls == CharClass::kHan) {
      han_.push_back(c);
    }
  }

  void Flush() {
    if (!word_.empty()) terms_->push_back(std::move(word_));
    if (han_.size() == 1) {
      terms_->emplace_back();
      AppendUtf8(han_[0], &terms_->back());
    }
    for (size_t i = 0; i + 1 < han_.size(); ++i) {
      std::string& bigram = terms_->emplace_back();
      AppendUtf8(han_[i], &bigram);
      AppendUtf8(han_[i + 1], &bigram);
    }
    word_.clear();
    han_.clear();
    cls_ = CharClass::kSeparator;
  }

 private:
  std::vector<std::string>* terms_;
  CharClass cls_ = CharClass::kSeparator;
  std::string word_;
  std::u32string han_;
};

}  // namespace

std::vector<std::string> TextTerms(std::string_view text) {
  std::vector<std::string> terms;
  TermBuilder builder(&terms);
  size_t pos = 0;
  while (pos < text.size()) {
    const int32_t decoded = NextCodePoint(text, pos);
    // A bad byte ends the run instead of joining its neighbours: it most likely stands for a
    // character that was lost, and a bigram across the gap would be a pair nobody wrote.
    if (decoded < 0) {
      ++pos;  // skip it
      builder.Flush();
      continue;
    }
    char32_t c = static_cast<char32_t>(decoded);
    const CharClass cls = Classify(&c);
    if (cls == CharClass::kSeparator) {
      builder.Flush();
    } else {
      builder.Add(cls, c);
    }
  }
  builder.Flush();
  return terms;
}

std::vector<std::string> DistinctTerms(std::string_view text) {
  std::vector<std::string> terms = TextTerms(text);
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

std::vector<uint64_t> TermSignature(std::string_view text) {
  std::vector<uint64_t> hashes;
  for (const std::string& term : TextTerms(text)) hashes.push_back(Fnv1a64(term));
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t common = 0;
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  const size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  // Without branches: duplicate detection compares each submission with dozens of earlier
  // tickets, and which side of the merge advances is unpredictable.
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    const uint64_t x = a[i], y = b[j];
    common += x == y;
    i += x <= y;
    j += y <= x;
  }
  const size_t all = a.size() + b.size() - common;
  return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

}  // namespace hotline::intake
