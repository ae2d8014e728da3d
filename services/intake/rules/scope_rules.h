#pragma once

#include <string>
#include <vector>

#include "hotline/common/v1/ticket.pb.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/field_violations.h"

namespace hotline::intake {

// What the acceptance-scope rules see of a submission.
struct ScopeInput {
  std::string category;
  hotline::common::v1::TicketKind kind = hotline::common::v1::TICKET_KIND_UNSPECIFIED;
  std::string content;
  bool involves_minor = false;
  bool emergency_flag = false;
};

struct ScopeOutcome {
  hotline::intake::v1::ScopeDecision decision = hotline::intake::v1::SCOPE_DECISION_ACCEPTED;
  std::string reason_code;
  std::string reason;
  std::vector<hotline::intake::v1::EmergencyLine> referral_lines;
};

// The reason code of the outcome when no rule matches.
inline constexpr char kDefaultAcceptReason[] = "scope.accepted";

// Decides by data, not code: `rules` are tried by ascending priority (ties by reason_code),
// inactive ones skipped; a rule matches when every condition it sets holds — category equal to or
// under one of category_prefixes (segment-wise: "minor-protection" covers "minor-protection/abuse"
// but not "minor-protectionx"), kind among kinds, any keyword contained in the content
// (case-insensitive for ASCII, full-width folded), requires_minor ⇒ involves_minor,
// requires_emergency_flag ⇒ the flag. The first match decides; none matching gives ACCEPTED with
// kDefaultAcceptReason.
ScopeOutcome DecideScope(const std::vector<hotline::intake::v1::ScopeRule>& rules,
                         const ScopeInput& input);

// DecideScope with the work that depends only on the rules done once, when a catalogue is
// loaded: the rules that can decide, in the order they are tried, their keywords folded (blank
// ones dropped). A submission then costs a fold of its content and the matching.
class ScopeRuleSet {
 public:
  ScopeRuleSet() = default;
  explicit ScopeRuleSet(const std::vector<hotline::intake::v1::ScopeRule>& rules);

  ScopeOutcome Decide(const ScopeInput& input) const;

 private:
  struct Rule {
    hotline::intake::v1::ScopeRule rule;
    std::vector<std::string> keywords;  // folded, none blank
  };
  std::vector<Rule> rules_;
};

// Problems of a rule an operator wants to store ("rule.reason_code" …): reason_code required,
// lower-case dotted ([a-z0-9_.-]); decision set; reason required; EMERGENCY_REFERRAL needs at least
// one referral line and other decisions none; category prefixes well-formed; keywords non-empty.
std::vector<FieldViolation> ValidateScopeRule(const hotline::intake::v1::ScopeRule& rule);

}  // namespace hotline::intake
