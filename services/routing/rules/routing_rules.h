#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "libs/domain/assignment_lifecycle.h"
#include "libs/domain/region_code.h"
#include "services/routing/rules/directory_snapshot.h"

namespace hotline::routing {

// Numbers mirror hotline.routing.v1.DecisionOutcome.
enum class Outcome : int {
  kDispatched = 1,
  kManualQueue = 2,
  kTransferredOut = 3,
  kEmergencyChain = 4
};

// A place that an instance of its own serves (transfer's view transfer_delegated_regions): this
// instance never dispatches there itself but hands the ticket to provincial transfer.
struct DelegatedRegion {
  std::string region_prefix;
  std::string instance_code;
};

// What routing knows of a ticket when it decides.
struct RoutingInput {
  absl::string_view category;
  domain::RegionCode region;
  bool involves_minor = false;
  // Child-protection emergency from intake: the 12349 chain instead of the catalogue.
  bool child_protection_emergency = false;
  // Units that returned the ticket (退单): never chosen again automatically.
  absl::Span<const std::string> excluded_unit_ids;
  // Places served by another instance (the province's prefectures with their own line).
  absl::Span<const DelegatedRegion> delegated_regions = {};
};

// Why a catalogue rule was or was not used. Rendered to text only for explanations, so that
// deciding allocates nothing it does not need.
enum class RuleVerdict : uint8_t {
  kChosen,
  kTied,          // equally specific as the best one, naming other departments
  kLeadReturned,  // its lead unit returned the ticket
  kNoLeadUnit,    // the directory has no unit of its lead department there
  kLeadUnitTied,  // several units of its lead department there
  kOutranked,     // a more specific or higher-priority rule won
  kProvincial,    // a provincial department: not for a prefecture instance
};

struct ConsideredRule {
  const CatalogueRule* rule;
  RuleVerdict verdict;
  const CatalogueRule* tied_with = nullptr;
};

// How a unit was found.
enum class UnitPick : uint8_t {
  kAtTier,           // the department's unit at the rule's tier
  kFallback,         // none there: the nearest enclosing division that has one
  kChainSupervisor,  // township child supervisor (儿童督导员)
  kChainDirector,    // village child director (儿童主任)
  kChainNotified,    // informed in order: county civil affairs, city centre, city civil affairs
};

struct ChosenUnit {
  const DirectorySnapshot::Unit* unit;
  domain::AssignmentRole role;
  int notify_order = 0;
  UnitPick pick = UnitPick::kAtTier;
};

struct Decision {
  Outcome outcome = Outcome::kManualQueue;
  // "routing.dispatched", "routing.no_rule", "routing.rule_tie", "routing.unknown_region",
  // "routing.no_unit", "routing.outside_jurisdiction", "routing.provincial_department",
  // "routing.delegated_to_instance", "routing.emergency_chain",
  // "routing.emergency_chain_incomplete".
  absl::string_view reason_code;
  absl::InlinedVector<ConsideredRule, 8> considered;
  absl::InlinedVector<ChosenUnit, 4> units;
  // Manual queue: the department that reviews it with the hotline office (minors: civil affairs).
  absl::string_view review_with_department;
  // Transferred for a provincial department: the rule that named it.
  const CatalogueRule* provincial_rule = nullptr;
  // Transferred because another instance serves the place: the delegation (points into the
  // input's delegated_regions).
  const DelegatedRegion* delegated = nullptr;
};

// Department types the 12349 emergency chain names (DESIGN.md §2, the Baotou 12349 seed).
inline constexpr absl::string_view kChildSupervisor = "child-supervisor";
inline constexpr absl::string_view kChildDirector = "child-director";
inline constexpr absl::string_view kCivilAffairs = "civil-affairs";
inline constexpr absl::string_view kMinorProtectionCentre = "minor-protection-centre";

// The area kind of a place: its county segment 01–20 is an urban district (市辖区), 21 and above
// a county, banner or county-level city; above county level it has none (kAny).
AreaKind AreaKindOf(const domain::RegionCode& region);

// Decides where a ticket goes (属地管理、分级分类). Pure: the same snapshot and input always give
// the same decision. A place under a delegated region (the narrowest one wins) is transferred out
// before anything else, emergencies included: the 12349 chain there belongs to that instance.
// `jurisdiction` is the instance's region prefix ("" = nationwide). The decision points into
// `directory`, which must outlive it.
Decision Route(const DirectorySnapshot& directory, absl::string_view jurisdiction,
               const RoutingInput& input);

// Text for explanations.
absl::string_view RuleVerdictText(RuleVerdict verdict);
std::string UnitPickText(const DirectorySnapshot& directory, const ChosenUnit& chosen,
                         const CatalogueRule* rule);
std::string DecisionReasonText(const DirectorySnapshot& directory, const Decision& decision,
                               const RoutingInput& input);

}  // namespace hotline::routing
