#include "services/intake/rules/scope_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
using v1::ScopeRule;

constexpr auto kAccepted = v1::SCOPE_DECISION_ACCEPTED;
constexpr auto kNotAccepted = v1::SCOPE_DECISION_NOT_ACCEPTED;
constexpr auto kReferral = v1::SCOPE_DECISION_EMERGENCY_REFERRAL;

ScopeRule Rule(const std::string& code, int priority,
               v1::ScopeDecision decision = v1::SCOPE_DECISION_NOT_ACCEPTED) {
  ScopeRule r;
  r.set_reason_code(code);
  r.set_priority(priority);
  r.set_decision(decision);
  r.set_reason("原因：" + code);
  r.set_active(true);
  return r;
}

ScopeInput Input(const std::string& category, const std::string& content = "内容",
                 common::TicketKind kind = common::TICKET_KIND_COMPLAINT) {
  ScopeInput in;
  in.category = category;
  in.content = content;
  in.kind = kind;
  return in;
}

TEST_CASE("no rule matching accepts", "[scope_rules]") {
  const ScopeOutcome out = DecideScope({}, Input("public-utilities/water"));
  CHECK(out.decision == kAccepted);
  CHECK(out.reason_code == kDefaultAcceptReason);
  CHECK(out.reason.empty());
  CHECK(out.referral_lines.empty());

  ScopeRule other = Rule("scope.other", 1);
  other.add_category_prefixes("out-of-scope");
  CHECK(DecideScope({other}, Input("housing/property")).reason_code == "scope.accepted");
}

TEST_CASE("the lowest priority decides whatever the order of the list", "[scope_rules]") {
  ScopeRule low = Rule("scope.z_low", 10, kReferral);
  low.add_referral_lines(v1::EMERGENCY_LINE_110);
  ScopeRule high = Rule("scope.a_high", 20);
  ScopeRule negative = Rule("scope.m_negative", -5, kAccepted);
  CHECK(DecideScope({high, low}, Input("x")).reason_code == "scope.z_low");
  CHECK(DecideScope({low, high}, Input("x")).reason_code == "scope.z_low");
  const ScopeOutcome out = DecideScope({high, low, negative}, Input("x"));
  CHECK(out.reason_code == "scope.m_negative");
  CHECK(out.decision == kAccepted);
  CHECK(out.reason == "原因：scope.m_negative");
}

TEST_CASE("ties are broken by reason code", "[scope_rules]") {
  const ScopeRule b = Rule("scope.b", 7);
  const ScopeRule a = Rule("scope.a", 7);
  const ScopeRule a2 = Rule("scope.a2", 7);
  CHECK(DecideScope({b, a2, a}, Input("x")).reason_code == "scope.a");
  CHECK(DecideScope({a, b, a2}, Input("x")).reason_code == "scope.a");
}

TEST_CASE("inactive and undecided rules are skipped", "[scope_rules]") {
  ScopeRule inactive = Rule("scope.inactive", 1);
  inactive.set_active(false);
  ScopeRule undecided = Rule("scope.undecided", 2, v1::SCOPE_DECISION_UNSPECIFIED);
  ScopeRule unknown = Rule("scope.unknown", 3, static_cast<v1::ScopeDecision>(42));
  const ScopeRule live = Rule("scope.live", 9);
  CHECK(DecideScope({inactive, undecided, unknown, live}, Input("x")).reason_code == "scope.live");
  CHECK(DecideScope({inactive}, Input("x")).decision == kAccepted);
}

TEST_CASE("the outcome carries the rule's referral lines", "[scope_rules]") {
  ScopeRule r = Rule("scope.emergency.medical", 1, kReferral);
  r.add_referral_lines(v1::EMERGENCY_LINE_110);
  r.add_referral_lines(v1::EMERGENCY_LINE_120);
  const ScopeOutcome out = DecideScope({r}, Input("x"));
  CHECK(out.decision == kReferral);
  CHECK(out.referral_lines ==
        std::vector<v1::EmergencyLine>{v1::EMERGENCY_LINE_110, v1::EMERGENCY_LINE_120});
}

TEST_CASE("category prefixes match segment-wise", "[scope_rules]") {
  auto [prefix, category, matches] = GENERATE(table<std::string, std::string, bool>({
      {"minor-protection", "minor-protection", true},
      {"minor-protection", "minor-protection/abuse", true},
      {"minor-protection", "minor-protection/abuse/online", true},
      {"minor-protection/abuse", "minor-protection/abuse", true},
      {"minor-protection", "minor-protectionx", false},
      {"minor-protection", "minor-protection-extra/abuse", false},
      {"minor-protection/abuse", "minor-protection", false},
      {"minor-protection/abuse", "minor-protection/abused", false},
      {"minor-protection", "x/minor-protection", false},
      {"minor-protection", "", false},
  }));
  ScopeRule r = Rule("scope.r", 1);
  r.add_category_prefixes("unrelated");
  r.add_category_prefixes(prefix);
  INFO(prefix << " vs " << category);
  CHECK((DecideScope({r}, Input(category)).decision == kNotAccepted) == matches);
}

TEST_CASE("kinds restrict a rule to those kinds", "[scope_rules]") {
  ScopeRule r = Rule("scope.r", 1);
  r.add_kinds(common::TICKET_KIND_COMPLAINT);
  r.add_kinds(common::TICKET_KIND_REPORT);
  auto [kind, matches] = GENERATE(table<common::TicketKind, bool>({
      {common::TICKET_KIND_COMPLAINT, true},
      {common::TICKET_KIND_REPORT, true},
      {common::TICKET_KIND_CONSULTATION, false},
      {common::TICKET_KIND_UNSPECIFIED, false},
  }));
  CHECK((DecideScope({r}, Input("x", "内容", kind)).decision == kNotAccepted) == matches);
}

TEST_CASE("keywords match anywhere with ASCII case and full-width forms folded", "[scope_rules]") {
  auto [keyword, content, matches] = GENERATE(table<std::string, std::string, bool>({
      {"已起诉", "我已起诉对方", true},
      {"已起诉", "我已经起诉对方", false},
      {"ETC", "办理etc卡", true},
      {"etc", "办理ETC卡", true},
      {"etc", "办理ＥＴＣ卡", true},  // full-width in the content
      {"ＥＴＣ", "办理etc卡", true},  // full-width in the keyword
      {"etc", "办理ｅｔｃ卡", true},
      {"110", "已报警１１０", true},  // full-width digits
      {"a b", "a　b", true},          // ideographic space
      {"（", "(", true},              // full-width punctuation
      {"火灾", "发生火灾了", true},
      {"火灾", "火", false},
      {"ä", "Ä", false},  // only ASCII letters fold
  }));
  ScopeRule r = Rule("scope.r", 1);
  r.add_keywords("never-there");
  r.add_keywords(keyword);
  INFO(keyword << " in " << content);
  CHECK((DecideScope({r}, Input("x", content)).decision == kNotAccepted) == matches);
}

TEST_CASE("blank keywords never match", "[scope_rules]") {
  ScopeRule r = Rule("scope.r", 1);
  r.add_keywords("");
  r.add_keywords(" ");
  r.add_keywords("　");
  CHECK(DecideScope({r}, Input("x", "任何 内容")).decision == kAccepted);
}

TEST_CASE("minor and emergency flags are required only when the rule says so", "[scope_rules]") {
  auto [requires_minor, requires_flag, minor, flag, matches] =
      GENERATE(table<bool, bool, bool, bool, bool>({
          {false, false, false, false, true},
          {false, false, true, true, true},
          {true, false, false, false, false},
          {true, false, true, false, true},
          {false, true, true, false, false},
          {false, true, false, true, true},
          {true, true, true, false, false},
          {true, true, false, true, false},
          {true, true, true, true, true},
      }));
  ScopeRule r = Rule("scope.r", 1);
  r.set_requires_minor(requires_minor);
  r.set_requires_emergency_flag(requires_flag);
  ScopeInput in = Input("x");
  in.involves_minor = minor;
  in.emergency_flag = flag;
  CHECK((DecideScope({r}, in).decision == kNotAccepted) == matches);
}

TEST_CASE("every condition of a rule must hold", "[scope_rules]") {
  ScopeRule r = Rule("scope.r", 1);
  r.add_category_prefixes("labour");
  r.add_kinds(common::TICKET_KIND_COMPLAINT);
  r.add_keywords("仲裁已受理");
  r.set_requires_minor(true);
  ScopeInput in = Input("labour/wage-arrears", "欠薪，仲裁已受理", common::TICKET_KIND_COMPLAINT);
  in.involves_minor = true;
  CHECK(DecideScope({r}, in).decision == kNotAccepted);

  ScopeInput wrong = in;
  wrong.category = "housing/property";
  CHECK(DecideScope({r}, wrong).decision == kAccepted);
  wrong = in;
  wrong.kind = common::TICKET_KIND_CONSULTATION;
  CHECK(DecideScope({r}, wrong).decision == kAccepted);
  wrong = in;
  wrong.content = "欠薪";
  CHECK(DecideScope({r}, wrong).decision == kAccepted);
  wrong = in;
  wrong.involves_minor = false;
  CHECK(DecideScope({r}, wrong).decision == kAccepted);
}

TEST_CASE("a rule that fails to match lets the next one decide", "[scope_rules]") {
  ScopeRule fire = Rule("scope.emergency.fire", 20, kReferral);
  fire.set_requires_emergency_flag(true);
  fire.add_keywords("着火");
  fire.add_referral_lines(v1::EMERGENCY_LINE_119);
  ScopeRule police = Rule("scope.emergency.police", 29, kReferral);
  police.set_requires_emergency_flag(true);
  police.add_referral_lines(v1::EMERGENCY_LINE_110);
  ScopeInput in = Input("x", "有人打架");
  in.emergency_flag = true;
  const ScopeOutcome out = DecideScope({fire, police}, in);
  CHECK(out.reason_code == "scope.emergency.police");
  CHECK(out.referral_lines == std::vector<v1::EmergencyLine>{v1::EMERGENCY_LINE_110});
}

TEST_CASE("a well-formed rule has no violations", "[scope_rules]") {
  ScopeRule r = Rule("scope.emergency.child_protection_medical", 1, kReferral);
  r.add_category_prefixes("minor-protection/abuse");
  r.add_kinds(common::TICKET_KIND_HELP);
  r.add_keywords("流血");
  r.add_referral_lines(v1::EMERGENCY_LINE_110);
  r.add_referral_lines(v1::EMERGENCY_LINE_120);
  CHECK(ValidateScopeRule(r).empty());
  CHECK(ValidateScopeRule(Rule("scope.not_accepted.court-2", -3)).empty());
}

TEST_CASE("rule violations name the field", "[scope_rules]") {
  using Mutate = void (*)(ScopeRule&);
  auto [field, mutate] = GENERATE(table<std::string, Mutate>({
      {"rule.reason_code", [](ScopeRule& r) { r.clear_reason_code(); }},
      {"rule.reason_code", [](ScopeRule& r) { r.set_reason_code("Scope.Upper"); }},
      {"rule.reason_code", [](ScopeRule& r) { r.set_reason_code("scope..empty"); }},
      {"rule.reason_code", [](ScopeRule& r) { r.set_reason_code(".scope"); }},
      {"rule.reason_code", [](ScopeRule& r) { r.set_reason_code("scope/slash"); }},
      {"rule.reason_code", [](ScopeRule& r) { r.set_reason_code(std::string(101, 's')); }},
      {"rule.decision", [](ScopeRule& r) { r.set_decision(v1::SCOPE_DECISION_UNSPECIFIED); }},
      {"rule.decision", [](ScopeRule& r) { r.set_decision(static_cast<v1::ScopeDecision>(9)); }},
      {"rule.reason", [](ScopeRule& r) { r.clear_reason(); }},
      {"rule.reason", [](ScopeRule& r) { r.set_reason("不予受理\x01"); }},
      {"rule.reason", [](ScopeRule& r) { r.set_reason(std::string(501, 'x')); }},
      {"rule.referral_lines", [](ScopeRule& r) { r.add_referral_lines(v1::EMERGENCY_LINE_110); }},
      {"rule.referral_lines",
       [](ScopeRule& r) { r.set_decision(v1::SCOPE_DECISION_EMERGENCY_REFERRAL); }},
      {"rule.category_prefixes[1]",
       [](ScopeRule& r) {
         r.add_category_prefixes("ok");
         r.add_category_prefixes("Bad/");
       }},
      {"rule.kinds[0]", [](ScopeRule& r) { r.add_kinds(common::TICKET_KIND_UNSPECIFIED); }},
      {"rule.kinds[0]", [](ScopeRule& r) { r.add_kinds(static_cast<common::TicketKind>(77)); }},
      {"rule.keywords[1]",
       [](ScopeRule& r) {
         r.add_keywords("仲裁");
         r.add_keywords("");
       }},
      {"rule.keywords[0]", [](ScopeRule& r) { r.add_keywords(" \t "); }},
      {"rule.keywords[0]", [](ScopeRule& r) { r.add_keywords("\xe4\xbb"); }},
  }));
  ScopeRule r = Rule("scope.not_accepted.test", 100);
  mutate(r);
  const std::vector<FieldViolation> violations = ValidateScopeRule(r);
  INFO(field);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].field == field);
  CHECK_FALSE(violations[0].description.empty());
}

TEST_CASE("referral lines must be real lines", "[scope_rules]") {
  ScopeRule r = Rule("scope.emergency.x", 1, kReferral);
  r.add_referral_lines(v1::EMERGENCY_LINE_119);
  r.add_referral_lines(v1::EMERGENCY_LINE_UNSPECIFIED);
  const std::vector<FieldViolation> violations = ValidateScopeRule(r);
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].field == "rule.referral_lines[1]");
}

// A few rules as deploy/migrations/0005_intake_catalogue.sql seeds them, and submissions a hotline
// sees, to show the priorities work together.
std::vector<ScopeRule> SeededRules() {
  std::vector<ScopeRule> rules;
  const auto add = [&](const std::string& code, int priority, v1::ScopeDecision decision) {
    rules.push_back(Rule(code, priority, decision));
    return &rules.back();
  };
  const auto lines = [](ScopeRule* r, std::vector<v1::EmergencyLine> ls) {
    for (v1::EmergencyLine l : ls) r->add_referral_lines(l);
  };
  const auto words = [](ScopeRule* r, std::vector<std::string> ws) {
    for (const std::string& w : ws) r->add_keywords(w);
  };
  ScopeRule* r = add("scope.emergency.child_protection_medical", 1, kReferral);
  r->add_category_prefixes("minor-protection/abuse");
  r->add_category_prefixes("minor-protection/violence");
  r->set_requires_emergency_flag(true);
  words(r, {"受伤", "流血", "昏迷"});
  lines(r, {v1::EMERGENCY_LINE_110, v1::EMERGENCY_LINE_120});
  for (const std::string item : {"abuse", "violence"}) {
    r = add("scope.emergency." + item, 2, kReferral);
    r->add_category_prefixes("minor-protection/" + item);
    lines(r, {v1::EMERGENCY_LINE_110});
  }
  const struct {
    const char* code;
    int priority;
    std::vector<std::string> words;
    v1::EmergencyLine line;
  } flagged[] = {
      {"scope.emergency.fire", 20, {"着火", "火灾", "被困"}, v1::EMERGENCY_LINE_119},
      {"scope.emergency.medical", 21, {"受伤", "昏迷"}, v1::EMERGENCY_LINE_120},
      {"scope.emergency.traffic", 22, {"车祸", "交通事故"}, v1::EMERGENCY_LINE_122},
      {"scope.emergency.police", 29, {}, v1::EMERGENCY_LINE_110},
  };
  for (const auto& f : flagged) {
    r = add(f.code, f.priority, kReferral);
    r->set_requires_emergency_flag(true);
    words(r, f.words);
    lines(r, {f.line});
  }
  add("scope.not_accepted.litigation", 100, kNotAccepted)
      ->add_category_prefixes("out-of-scope/litigation");
  add("scope.not_accepted.petition", 105, kNotAccepted)
      ->add_category_prefixes("out-of-scope/petition");
  const struct {
    const char* code;
    int priority;
    std::vector<std::string> words;
  } phrasing[] = {
      {"scope.not_accepted.litigation_started", 200, {"已起诉", "已经起诉", "法院已受理"}},
      {"scope.not_accepted.arbitration_started", 201, {"已申请仲裁", "仲裁已受理"}},
      {"scope.not_accepted.petition_started", 203, {"已信访", "信访复查"}},
  };
  for (const auto& p : phrasing) {
    r = add(p.code, p.priority, kNotAccepted);
    for (common::TicketKind k : {common::TICKET_KIND_HELP, common::TICKET_KIND_COMPLAINT,
                                 common::TICKET_KIND_REPORT, common::TICKET_KIND_OTHER}) {
      r->add_kinds(k);
    }
    for (const char* group : {"labour", "housing", "general"}) r->add_category_prefixes(group);
    words(r, p.words);
  }
  for (const ScopeRule& rule : rules) REQUIRE(ValidateScopeRule(rule).empty());
  return rules;
}

TEST_CASE("representative submissions against the seeded rules", "[scope_rules]") {
  auto [category, kind, content, flag, reason_code] =
      GENERATE(table<std::string, common::TicketKind, std::string, bool, std::string>({
          // A child-protection emergency is referred by its category, flag or not, and is never
          // refused for what its text mentions.
          {"minor-protection/abuse", common::TICKET_KIND_REPORT, "邻居家孩子长期被打骂", false,
           "scope.emergency.abuse"},
          {"minor-protection/abuse", common::TICKET_KIND_REPORT, "孩子母亲已起诉，孩子仍被关在家",
           false, "scope.emergency.abuse"},
          {"minor-protection/violence", common::TICKET_KIND_HELP, "孩子被打得头部流血", true,
           "scope.emergency.child_protection_medical"},
          {"minor-protection/violence", common::TICKET_KIND_HELP, "孩子被打得头部流血", false,
           "scope.emergency.violence"},
          // The agent's flag: the most immediate danger names the line.
          {"housing/property-management", common::TICKET_KIND_HELP, "楼道着火，有人受伤", true,
           "scope.emergency.fire"},
          {"transport/roads", common::TICKET_KIND_HELP, "路口车祸，一人昏迷", true,
           "scope.emergency.medical"},
          {"transport/roads", common::TICKET_KIND_HELP, "路口发生交通事故", true,
           "scope.emergency.traffic"},
          {"general/other", common::TICKET_KIND_HELP, "有人持刀在小区闹事", true,
           "scope.emergency.police"},
          {"out-of-scope/litigation", common::TICKET_KIND_HELP, "房子着火了", true,
           "scope.emergency.fire"},
          // Without the flag, fire words alone refer nothing.
          {"housing/property-management", common::TICKET_KIND_COMPLAINT, "消防通道被占，担心火灾",
           false, "scope.accepted"},
          // Out-of-scope categories.
          {"out-of-scope/litigation", common::TICKET_KIND_HELP, "想告对方", false,
           "scope.not_accepted.litigation"},
          {"out-of-scope/petition", common::TICKET_KIND_COMPLAINT, "", false,
           "scope.not_accepted.petition"},
          // Phrasings in a general category, and what they must not catch.
          {"labour/wage-arrears", common::TICKET_KIND_COMPLAINT, "拖欠工资三个月，已申请仲裁",
           false, "scope.not_accepted.arbitration_started"},
          {"labour/wage-arrears", common::TICKET_KIND_CONSULTATION, "已申请仲裁，想问多久出结果",
           false, "scope.accepted"},
          {"labour/wage-arrears", common::TICKET_KIND_COMPLAINT, "劳动监察让我去仲裁，不管事",
           false, "scope.accepted"},
          {"labour/wage-arrears", common::TICKET_KIND_SUGGESTION, "已经起诉的欠薪案件执行太慢",
           false, "scope.accepted"},
          {"housing/property-management", common::TICKET_KIND_COMPLAINT, "物业费纠纷，我已经起诉了",
           false, "scope.not_accepted.litigation_started"},
          {"general/other", common::TICKET_KIND_OTHER, "此事已信访三次", false,
           "scope.not_accepted.petition_started"},
          {"minor-protection/school-bullying", common::TICKET_KIND_COMPLAINT,
           "已起诉学校，孩子仍被欺凌", false, "scope.accepted"},
          {"public-utilities/water", common::TICKET_KIND_COMPLAINT, "小区停水三天", false,
           "scope.accepted"},
      }));
  ScopeInput in = Input(category, content, kind);
  in.emergency_flag = flag;
  in.involves_minor = category.rfind("minor-protection", 0) == 0;
  INFO(category << " / " << content << (flag ? " / flagged" : ""));
  CHECK(DecideScope(SeededRules(), in).reason_code == reason_code);
}

}  // namespace
}  // namespace hotline::intake
