#include "services/intake/rules/scope_rules.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/domain/category_code.h"
#include "services/intake/rules/request_validation.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;

constexpr int kMaxReasonCode = 100;
constexpr int kMaxKeyword = 100;

// Folds what a submitter may type either way: full-width ASCII forms (U+FF01–U+FF5E, "ＡＢＣ１")
// and the ideographic space become ASCII, and ASCII letters become lower case. Works on UTF-8
// bytes directly: the forms are EF BC 81–EF BD 9E and E3 80 80, and no other character's
// encoding contains those sequences. Anything else, including invalid bytes, is copied.
std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    if (i + 2 < text.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD) && b(2) >= 0x80 &&
        b(2) <= 0xBF) {
      const int cp = 0xFF00 + (b(1) == 0xBD ? 0x40 : 0) + (b(2) - 0x80);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(absl::ascii_tolower(static_cast<unsigned char>(cp - 0xFEE0)));
        i += 2;
        continue;
      }
    }
    if (i + 2 < text.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(absl::ascii_tolower(b(0)));
  }
  return out;
}

bool Blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); });
}

bool Matches(const v1::ScopeRule& rule, const std::vector<std::string>& keywords,
             const ScopeInput& input, const std::string& content) {
  if (rule.requires_minor() && !input.involves_minor) return false;
  if (rule.requires_emergency_flag() && !input.emergency_flag) return false;
  if (!rule.kinds().empty() &&
      std::find(rule.kinds().begin(), rule.kinds().end(), input.kind) == rule.kinds().end()) {
    return false;
  }
  if (!rule.category_prefixes().empty() &&
      std::none_of(rule.category_prefixes().begin(), rule.category_prefixes().end(),
                   [&](const std::string& p) {
                     return !p.empty() && domain::IsUnderCategory(input.category, p);
                   })) {
    return false;
  }
  // A blank keyword would match every text: a bad row must not refuse every ticket, so it counts
  // as no keyword (ScopeRuleSet drops it), and a list of nothing but blank ones never matches.
  if (!rule.keywords().empty() &&
      std::none_of(keywords.begin(), keywords.end(), [&](const std::string& keyword) {
        return content.find(keyword) != std::string::npos;
      })) {
    return false;
  }
  return true;
}

// A decision a rule may produce; a rule with any other value cannot say what to do.
bool Decides(const v1::ScopeRule& rule) {
  return rule.decision() != v1::SCOPE_DECISION_UNSPECIFIED &&
         v1::ScopeDecision_IsValid(rule.decision());
}

bool IsReasonCode(std::string_view code) {
  if (code.empty() || code.front() == '.' || code.back() == '.') return false;
  if (code.find("..") != code.npos) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return absl::ascii_islower(static_cast<unsigned char>(c)) ||
           absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

}  // namespace

ScopeRuleSet::ScopeRuleSet(const std::vector<v1::ScopeRule>& rules) {
  for (const v1::ScopeRule& rule : rules) {
    if (!rule.active() || !Decides(rule)) continue;
    Rule& compiled = rules_.emplace_back();
    compiled.rule = rule;
    for (const std::string& keyword : rule.keywords()) {
      std::string folded = Fold(keyword);
      if (!Blank(folded)) compiled.keywords.push_back(std::move(folded));
    }
  }
  std::sort(rules_.begin(), rules_.end(), [](const Rule& a, const Rule& b) {
    if (a.rule.priority() != b.rule.priority()) return a.rule.priority() < b.rule.priority();
    return a.rule.reason_code() < b.rule.reason_code();
  });
}

ScopeOutcome ScopeRuleSet::Decide(const ScopeInput& input) const {
  const std::string content = Fold(input.content);
  ScopeOutcome outcome;
  outcome.reason_code = kDefaultAcceptReason;
  for (const Rule& r : rules_) {
    if (!Matches(r.rule, r.keywords, input, content)) continue;
    outcome.decision = r.rule.decision();
    outcome.reason_code = r.rule.reason_code();
    outcome.reason = r.rule.reason();
    for (int line : r.rule.referral_lines()) {
      outcome.referral_lines.push_back(static_cast<v1::EmergencyLine>(line));
    }
    break;
  }
  return outcome;
}

ScopeOutcome DecideScope(const std::vector<v1::ScopeRule>& rules, const ScopeInput& input) {
  return ScopeRuleSet(rules).Decide(input);
}

std::vector<FieldViolation> ValidateScopeRule(const v1::ScopeRule& rule) {
  std::vector<FieldViolation> out;
  if (rule.reason_code().empty()) {
    out.push_back({"rule.reason_code", "is required"});
  } else if (rule.reason_code().size() > kMaxReasonCode) {
    out.push_back(
        {"rule.reason_code", absl::StrCat("must be at most ", kMaxReasonCode, " characters")});
  } else if (!IsReasonCode(rule.reason_code())) {
    out.push_back({"rule.reason_code",
                   "must be lower-case dotted words of a-z, 0-9, '_' and '-' "
                   "(\"scope.not_accepted.litigation\")"});
  }

  if (!Decides(rule)) {
    out.push_back({"rule.decision", rule.decision() == v1::SCOPE_DECISION_UNSPECIFIED
                                        ? "must be set"
                                        : absl::StrCat("unknown value ", rule.decision())});
  }
  CheckText("rule.reason", rule.reason(), kMaxReason, /*required=*/true, out);

  const bool referral = rule.decision() == v1::SCOPE_DECISION_EMERGENCY_REFERRAL;
  if (referral && rule.referral_lines().empty()) {
    out.push_back({"rule.referral_lines", "an emergency referral needs at least one line"});
  } else if (!referral && !rule.referral_lines().empty()) {
    out.push_back({"rule.referral_lines", "only an emergency referral names lines"});
  }
  for (int i = 0; i < rule.referral_lines().size(); ++i) {
    const int line = rule.referral_lines(i);
    if (line == v1::EMERGENCY_LINE_UNSPECIFIED || !v1::EmergencyLine_IsValid(line)) {
      out.push_back({absl::StrCat("rule.referral_lines[", i, "]"), "must be 110, 119, 120 or 122"});
    }
  }

  for (int i = 0; i < rule.category_prefixes().size(); ++i) {
    if (!domain::IsCategoryCode(rule.category_prefixes(i))) {
      out.push_back({absl::StrCat("rule.category_prefixes[", i, "]"),
                     "must be a category code: lower-case segments separated by '/'"});
    }
  }
  for (int i = 0; i < rule.kinds().size(); ++i) {
    const int kind = rule.kinds(i);
    if (kind == hotline::common::v1::TICKET_KIND_UNSPECIFIED ||
        !hotline::common::v1::TicketKind_IsValid(kind)) {
      out.push_back({absl::StrCat("rule.kinds[", i, "]"), "must be a known ticket kind"});
    }
  }
  for (int i = 0; i < rule.keywords().size(); ++i) {
    const std::string field = absl::StrCat("rule.keywords[", i, "]");
    if (Blank(rule.keywords(i))) {
      out.push_back({field, "must not be empty: it would match every text"});
    } else {
      CheckText(field, rule.keywords(i), kMaxKeyword, /*required=*/true, out);
    }
  }
  return out;
}

}  // namespace hotline::intake
