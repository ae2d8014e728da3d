#include "services/provincial-transfer/rules/minor_figures.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace hotline::transfer {
namespace {

namespace rpb = reporting::v1;

// A figure's place in the report: its row's key and the indicator's code.
std::string FigureKey(const google::protobuf::RepeatedPtrField<std::string>& key,
                      const std::string& code) {
  return absl::StrCat(absl::StrJoin(key, "\x1f"), "\x1e", code);
}

rpb::IndicatorValue* FindValue(google::protobuf::RepeatedPtrField<rpb::IndicatorRow>* rows,
                               const rpb::CorrectionRow& correction) {
  for (rpb::IndicatorRow& row : *rows) {
    if (!std::equal(row.key().begin(), row.key().end(), correction.key().begin(),
                    correction.key().end())) {
      continue;
    }
    for (rpb::IndicatorValue& value : *row.mutable_values()) {
      if (value.code() == correction.code()) return &value;
    }
    rpb::IndicatorValue* added = row.add_values();  // a figure new in an existing group
    added->set_code(correction.code());
    return added;
  }
  return nullptr;
}

bool Summable(rpb::IndicatorKind kind) { return kind != rpb::INDICATOR_KIND_PERCENTILE; }

}  // namespace

int ApplyCorrections(const google::protobuf::RepeatedPtrField<rpb::CorrectionRow>& corrections,
                     google::protobuf::RepeatedPtrField<rpb::IndicatorRow>* rows) {
  int applied = 0;
  for (const rpb::CorrectionRow& correction : corrections) {
    rpb::IndicatorValue* value = FindValue(rows, correction);
    if (value == nullptr) {  // a group new since the freeze
      rpb::IndicatorRow* row = rows->Add();
      *row->mutable_key() = correction.key();
      value = row->add_values();
    }
    *value = correction.restated();
    value->set_code(correction.code());
    value->set_kind(correction.kind());
    ++applied;
  }
  return applied;
}

std::string MinorFiguresDigest(const v1::MinorMonthFigures& figures) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    figures.SerializeToCodedStream(&coded);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

std::vector<rpb::IndicatorRow> ProvinceMinorTotal(
    const std::vector<const v1::MinorMonthFigures*>& months) {
  std::vector<rpb::IndicatorRow> total;
  std::map<std::string, std::pair<size_t, int>> where;  // figure → (row, value) in `total`
  std::map<std::string, size_t> row_of;                 // row key → row in `total`
  for (const v1::MinorMonthFigures* month : months) {
    for (const rpb::IndicatorRow& row : month->rows()) {
      const std::string row_key = absl::StrJoin(row.key(), "\x1f");
      auto [row_it, new_row] = row_of.emplace(row_key, total.size());
      if (new_row) {
        total.emplace_back();
        *total.back().mutable_key() = row.key();
      }
      for (const rpb::IndicatorValue& value : row.values()) {
        const std::string key = FigureKey(row.key(), value.code());
        auto [it, new_value] = where.emplace(key, std::make_pair(row_it->second, 0));
        rpb::IndicatorRow& into = total[row_it->second];
        if (new_value) {
          it->second.second = into.values_size();
          rpb::IndicatorValue* sum = into.add_values();
          sum->set_code(value.code());
          sum->set_kind(value.kind());
        }
        rpb::IndicatorValue& sum = *into.mutable_values(it->second.second);
        if (value.suppressed() || sum.suppressed()) {
          sum.set_suppressed(true);
          continue;
        }
        sum.set_numerator(sum.numerator() + value.numerator());
        sum.set_denominator(sum.denominator() + value.denominator());
        if (value.kind() == rpb::INDICATOR_KIND_COUNT ||
            value.kind() == rpb::INDICATOR_KIND_STOCK) {
          sum.set_value(sum.value() + value.value());
        } else if (value.kind() == rpb::INDICATOR_KIND_AVERAGE && value.defined()) {
          // An average's value is in its own unit (hours over seconds summed): weighted by its
          // denominator, the prefectures' values give the province's without knowing the unit.
          sum.set_value(sum.value() + value.value() * static_cast<double>(value.denominator()));
        }
      }
    }
  }
  for (rpb::IndicatorRow& row : total) {
    for (rpb::IndicatorValue& value : *row.mutable_values()) {
      if (value.suppressed()) {  // withheld: nothing of it shown
        const std::string code = value.code();
        const rpb::IndicatorKind kind = value.kind();
        value.Clear();
        value.set_code(code);
        value.set_kind(kind);
        value.set_suppressed(true);
        continue;
      }
      switch (value.kind()) {
        case rpb::INDICATOR_KIND_RATIO:
          value.set_defined(value.denominator() > 0);
          value.set_value(value.denominator() > 0
                              ? static_cast<double>(value.numerator()) / value.denominator()
                              : 0);
          break;
        case rpb::INDICATOR_KIND_AVERAGE:
          value.set_defined(value.denominator() > 0);
          value.set_value(value.denominator() > 0 ? value.value() / value.denominator() : 0);
          break;
        default:
          value.set_defined(Summable(value.kind()));
          if (!Summable(value.kind())) {
            value.set_numerator(0);
            value.set_denominator(0);
            value.set_value(0);
          }
      }
    }
  }
  return total;
}

std::vector<std::string> NotReported(const std::vector<std::string>& expected,
                                     const std::vector<std::string>& reported) {
  std::vector<std::string> missing;
  for (const std::string& code : expected) {
    if (std::find(reported.begin(), reported.end(), code) == reported.end()) {
      missing.push_back(code);
    }
  }
  return missing;
}

}  // namespace hotline::transfer
