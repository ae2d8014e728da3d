#include "libs/domain/unit_code.h"

namespace hotline::domain {
namespace {

// Hand-written rather than std::regex: a national import checks a million of these.
bool IsLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAlnum(char c) { return IsLowerOrDigit(c) || (c >= 'A' && c <= 'Z'); }

}  // namespace

bool IsDepartmentCode(absl::string_view code) {
  if (code.empty() || code.size() > 64 || !(code[0] >= 'a' && code[0] <= 'z')) return false;
  for (char c : code) {
    if (!IsLowerOrDigit(c) && c != '-') return false;
  }
  return true;
}

bool IsUnitId(absl::string_view id) {
  if (id.empty() || id.size() > 128 || !IsAlnum(id[0])) return false;
  for (char c : id) {
    if (!IsAlnum(c) && c != '.' && c != '_' && c != ':' && c != '-') return false;
  }
  return true;
}

}  // namespace hotline::domain
