#include "libs/text/segmenter.h"

#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/utf8.h"

namespace hotline::text {
namespace {

enum class CharClass { kSeparator, kAscii, kHan };

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

// Full-width letters and digits are what Chinese input methods type by default.
CharClass Classify(char32_t& c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
  if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return CharClass::kAscii;
  if (IsHan(c)) return CharClass::kHan;
  return CharClass::kSeparator;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string Utf8(const std::u32string& run, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) AppendUtf8(run[i], out);
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Segmenter>> Segmenter::FromLines(std::string_view lines) {
  std::unique_ptr<Segmenter> s(new Segmenter());
  double total = 0;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(lines.data(), lines.size()), '\n')) {
    std::vector<absl::string_view> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
    int64_t frequency = 0;
    if (fields.size() < 2 || !absl::SimpleAtoi(fields[1], &frequency) || frequency <= 0) continue;
    const absl::string_view word = fields[0];
    s->frequencies_[word] = frequency;
    total += static_cast<double>(frequency);
    ++s->words_;
    // Every proper prefix, at character boundaries, is marked as one (frequency 0 unless it is
    // a word of its own, which its own line sets).
    size_t i = 0;
    while (i < word.size()) {
      if (NextCodePoint(std::string_view(word.data(), word.size()), i) < 0) break;
      if (i < word.size()) s->frequencies_.try_emplace(word.substr(0, i), 0);
    }
  }
  if (s->words_ == 0)
    return absl::InvalidArgumentError("the dictionary has no word with a frequency");
  s->log_total_ = std::log(total);
  return s;
}

absl::StatusOr<std::unique_ptr<Segmenter>> Segmenter::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read the word-segmentation dictionary ", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto segmenter = FromLines(text.str());
  if (!segmenter.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", segmenter.status().message()));
  }
  return segmenter;
}

const int64_t* Segmenter::Find(std::string_view piece) const {
  auto it = frequencies_.find(absl::string_view(piece.data(), piece.size()));
  return it == frequencies_.end() ? nullptr : &it->second;
}

bool Segmenter::Contains(std::string_view word) const {
  const int64_t* f = Find(word);
  return f != nullptr && *f > 0;
}

void Segmenter::CutRun(const std::u32string& run, std::vector<std::string>& out) const {
  const size_t n = run.size();
  // ends[i]: the ends (exclusive) of the dictionary words starting at i; the single character
  // always, known or not.
  std::vector<std::vector<size_t>> ends(n);
  std::vector<std::vector<int64_t>> freq(n);
  for (size_t i = 0; i < n; ++i) {
    std::string piece;
    for (size_t j = i; j < n; ++j) {
      AppendUtf8(run[j], piece);
      const int64_t* f = Find(piece);
      if (f == nullptr) break;
      if (*f > 0) {
        ends[i].push_back(j + 1);
        freq[i].push_back(*f);
      }
    }
    if (ends[i].empty() || ends[i].front() != i + 1) {
      ends[i].insert(ends[i].begin(), i + 1);
      freq[i].insert(freq[i].begin(), 1);  // an unknown character counts once
    }
  }
  // best[i]: the highest log probability of the rest of the run from i, and where its first
  // word ends.
  std::vector<std::pair<double, size_t>> best(n + 1, {0.0, n});
  for (size_t i = n; i-- > 0;) {
    best[i] = {-INFINITY, i + 1};
    for (size_t k = 0; k < ends[i].size(); ++k) {
      const double p =
          std::log(static_cast<double>(freq[i][k])) - log_total_ + best[ends[i][k]].first;
      if (p > best[i].first) best[i] = {p, ends[i][k]};
    }
  }
  size_t singles_from = 0;  // start of the current run of single characters
  auto flush_singles = [&](size_t to) {
    for (size_t k = singles_from; to - singles_from >= 2 && k + 1 < to; ++k) {
      out.push_back(Utf8(run, k, k + 2));
    }
  };
  for (size_t i = 0; i < n;) {
    const size_t end = best[i].second;
    if (end == i + 1) {
      out.push_back(Utf8(run, i, end));
    } else {
      flush_singles(i);
      out.push_back(Utf8(run, i, end));
      for (size_t len = 2; len <= 3 && len < end - i; ++len) {
        for (size_t k = i; k + len <= end; ++k) {
          std::string sub = Utf8(run, k, k + len);
          if (Contains(sub)) out.push_back(std::move(sub));
        }
      }
      singles_from = end;
    }
    i = end;
  }
  flush_singles(n);
}

std::vector<std::string> Segmenter::Words(std::string_view text) const {
  std::vector<std::string> out;
  std::u32string han;
  std::string ascii;
  auto flush = [&] {
    if (!han.empty()) CutRun(han, out);
    if (!ascii.empty()) out.push_back(ascii);
    han.clear();
    ascii.clear();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    const int32_t decoded = NextCodePoint(text, pos);
    if (decoded < 0) {
      ++pos;
      flush();
      continue;
    }
    char32_t c = static_cast<char32_t>(decoded);
    switch (Classify(c)) {
      case CharClass::kHan:
        if (!ascii.empty()) flush();
        han.push_back(c);
        break;
      case CharClass::kAscii:
        if (!han.empty()) flush();
        ascii.push_back(static_cast<char>(c));
        break;
      case CharClass::kSeparator:
        flush();
        break;
    }
  }
  flush();
  return out;
}

}  // namespace hotline::text
