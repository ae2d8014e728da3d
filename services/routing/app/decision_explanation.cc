#include "services/routing/app/decision_explanation.h"

#include "absl/strings/str_cat.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

namespace {

v1::CatalogueRule RuleToProto(const DirectorySnapshot& directory, const CatalogueRule& rule) {
  v1::CatalogueRule out;
  out.set_id(rule.id);
  out.set_category_prefix(rule.category_prefix);
  out.set_region_prefix(rule.region_prefix);
  out.set_area_kind(static_cast<v1::AreaKind>(rule.area_kind));
  out.set_tier(static_cast<common::Tier>(rule.tier));
  for (DeptId id : rule.departments) out.add_departments(std::string(directory.DepartmentCode(id)));
  out.set_priority(rule.priority);
  out.set_active(true);
  out.set_note(rule.note);
  return out;
}

}  // namespace

v1::RoutingDecision DecisionToProto(const DirectorySnapshot& directory, const Decision& decision,
                                    const RoutingInput& input) {
  v1::RoutingDecision out;
  out.set_outcome(static_cast<v1::DecisionOutcome>(decision.outcome));
  out.set_reason_code(std::string(decision.reason_code));
  out.set_reason(DecisionReasonText(directory, decision, input));
  out.set_directory_version(directory.version());
  const CatalogueRule* chosen_rule = nullptr;
  for (const ConsideredRule& c : decision.considered) {
    v1::ConsideredRule* considered = out.add_considered();
    *considered->mutable_rule() = RuleToProto(directory, *c.rule);
    considered->set_chosen(c.verdict == RuleVerdict::kChosen);
    if (c.verdict == RuleVerdict::kChosen) chosen_rule = c.rule;
    std::string why(RuleVerdictText(c.verdict));
    if (c.tied_with != nullptr) absl::StrAppend(&why, " (rule ", c.tied_with->id, ")");
    considered->set_why(std::move(why));
  }
  for (const ChosenUnit& u : decision.units) {
    v1::ChosenUnit* unit = out.add_units();
    unit->set_unit_id(std::string(directory.IdOf(*u.unit)));
    unit->set_unit_name(std::string(directory.NameOf(*u.unit)));
    unit->set_role(static_cast<common::AssignmentRole>(u.role));
    unit->set_notify_order(u.notify_order);
    unit->set_why(UnitPickText(directory, u, chosen_rule));
  }
  return out;
}

}  // namespace hotline::routing
