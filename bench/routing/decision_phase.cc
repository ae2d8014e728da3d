#include "bench/routing/decision_phase.h"

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/routing/rules/routing_rules.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/proc_readers.h"

namespace hotline::bench {
using support::Fail;
using support::ThreadCpuTime;

namespace {

using routing::Outcome;
using routing::RoutingInput;

// The categories intake flags as child-protection emergencies (deploy/migrations/0005).
constexpr const char* kEmergencyCategories[] = {
    "minor-protection/abuse",          "minor-protection/trafficking",
    "minor-protection/abandonment",    "minor-protection/forced-begging",
    "minor-protection/sexual-assault", "minor-protection/violence",
    "minor-protection/no-guardian"};

struct Inputs {
  std::vector<std::string> categories;  // owns the text the inputs' categories point into
  std::vector<RoutingInput> inputs;
  size_t townships = 0;
  int64_t emergencies = 0, unknown = 0, minors = 0;
};

Inputs MakeInputs(const routing::DirectorySnapshot& snapshot, const DirectoryFiles& files,
                  const DecisionOptions& options) {
  Inputs made;
  std::set<std::string> prefixes;
  for (const auto& rule : files.rules) {
    if (!rule.category_prefix().empty()) prefixes.insert(rule.category_prefix());
  }
  made.categories.assign(prefixes.begin(), prefixes.end());
  const size_t normal = made.categories.size();
  for (const char* c : kEmergencyCategories) made.categories.emplace_back(c);

  // The townships the directory has (a few in the division data lie under no county).
  std::vector<std::string> townships;
  for (const directory::Division& township : files.divisions.townships) {
    absl::StatusOr<domain::RegionCode> code = domain::RegionCode::Parse(township.code);
    if (code.ok() && code->tier() == domain::Tier::kTownship &&
        snapshot.KnowsRegion(routing::PackRegion(*code))) {
      townships.push_back(township.code);
    }
  }
  made.townships = townships.size();
  std::mt19937_64 gen(options.seed);
  std::uniform_int_distribution<size_t> township(0, townships.size() - 1);
  std::uniform_int_distribution<int> village(1, options.villages_per_township);
  std::uniform_int_distribution<int> unknown_village(900, 999);
  std::uniform_int_distribution<size_t> category(0, normal - 1);
  std::uniform_int_distribution<size_t> emergency(normal, made.categories.size() - 1);
  std::uniform_real_distribution<double> share(0, 1);
  made.inputs.reserve(options.inputs);
  char code[16];
  for (int64_t i = 0; i < options.inputs; ++i) {
    const double draw = share(gen);
    const bool is_emergency = draw < options.emergency_share;
    const bool is_unknown = !is_emergency && draw < options.emergency_share + options.unknown_share;
    absl::SNPrintF(code, sizeof(code), "%s%03d", townships[township(gen)],
                   is_unknown ? unknown_village(gen) : village(gen));
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(code);
    if (!region.ok()) Fail(absl::StrCat("bad generated code ", code));
    const std::string& cat = made.categories[is_emergency ? emergency(gen) : category(gen)];
    const bool minor = absl::StartsWith(cat, "minor-protection");
    made.inputs.push_back(RoutingInput{cat, *std::move(region), minor, is_emergency, {}});
    made.emergencies += is_emergency;
    made.unknown += is_unknown;
    made.minors += minor;
  }
  return made;
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kDispatched:
      return "dispatched";
    case Outcome::kManualQueue:
      return "manual queue";
    case Outcome::kTransferredOut:
      return "transferred out";
    case Outcome::kEmergencyChain:
      return "emergency chain";
  }
  return "?";
}

double Pct(int64_t part, int64_t whole) { return whole > 0 ? 100.0 * part / whole : 0; }

}  // namespace

DecisionResult RunDecisions(const routing::DirectorySnapshot& snapshot, const DirectoryFiles& files,
                            const DecisionOptions& options) {
  const absl::Time made_at = absl::Now();
  const Inputs made = MakeInputs(snapshot, files, options);
  const int64_t n = static_cast<int64_t>(made.inputs.size());
  std::printf(
      "inputs            %lld pre-generated (seed %llu) in %.2f s: random village codes of the "
      "%zu townships x %zu catalogue categories;\n"
      "                  %.1f%% child-protection emergencies, %.1f%% unknown villages (NNN>=900), "
      "%.1f%% minors; jurisdiction \"\" (nationwide)\n",
      static_cast<long long>(n), static_cast<unsigned long long>(options.seed),
      absl::ToDoubleSeconds(absl::Now() - made_at), made.townships, made.categories.size() - 7,
      Pct(made.emergencies, n), Pct(made.unknown, n), Pct(made.minors, n));

  // Warm-up: one untimed pass, which also tallies what the decisions were.
  int64_t by_outcome[5] = {0};
  std::map<std::string, int64_t> by_reason;
  int64_t units_chosen = 0;
  for (const RoutingInput& input : made.inputs) {
    const routing::Decision d = routing::Route(snapshot, "", input);
    ++by_outcome[static_cast<int>(d.outcome)];
    ++by_reason[std::string(d.reason_code)];
    units_chosen += static_cast<int64_t>(d.units.size());
  }
  std::printf("outcomes          ");
  for (Outcome o : {Outcome::kDispatched, Outcome::kManualQueue, Outcome::kTransferredOut,
                    Outcome::kEmergencyChain}) {
    std::printf("%s %.2f%%   ", OutcomeName(o), Pct(by_outcome[static_cast<int>(o)], n));
  }
  std::printf(
      "\n                  (%.2f units chosen per decision on average; nationwide, nothing is "
      "outside the jurisdiction\n                  and no rule hands over to a province)\n",
      static_cast<double>(units_chosen) / n);
  std::printf("reason codes      ");
  int column = 0;
  for (const auto& [reason, count] : by_reason) {
    if (column++ > 0 && column % 3 == 1) std::printf("\n                  ");
    std::printf("%-36s", absl::StrFormat("%s %.2f%%", reason, Pct(count, n)).c_str());
  }
  std::printf("\n");
  {
    const RoutingInput& example = made.inputs[0];
    const routing::Decision d = routing::Route(snapshot, "", example);
    std::printf("example           %s %s -> %s", example.region.code().c_str(),
                std::string(example.category).c_str(),
                routing::DecisionReasonText(snapshot, d, example).c_str());
    for (const routing::ChosenUnit& u : d.units) {
      std::printf(", %s", std::string(snapshot.IdOf(*u.unit)).c_str());
    }
    std::printf("\n");
  }

  DecisionResult result;
  for (int round = 1; round <= options.rounds; ++round) {
    int64_t checksum = 0;
    const absl::Duration cpu0 = ThreadCpuTime();
    const absl::Time t0 = absl::Now();
    for (const RoutingInput& input : made.inputs) {
      const routing::Decision d = routing::Route(snapshot, "", input);
      checksum += static_cast<int>(d.outcome) + static_cast<int64_t>(d.units.size());
    }
    const double wall = absl::ToDoubleSeconds(absl::Now() - t0);
    const double cpu = absl::ToDoubleSeconds(ThreadCpuTime() - cpu0);
    const double rate = n / wall;
    std::printf(
        "round %d           %lld decisions in %.3f s = %9.0f decisions/s  %6.0f ns/decision  "
        "(thread CPU %.3f s; checksum %lld)\n",
        round, static_cast<long long>(n), wall, rate, 1e9 * wall / n, cpu,
        static_cast<long long>(checksum));
    if (rate > result.decisions_per_second) {
      result.decisions_per_second = rate;
      result.ns_per_decision = 1e9 * wall / n;
    }
  }
  {
    // What the dispatcher does per ticket beyond Route(): parse the stored region code text.
    int64_t checksum = 0;
    const absl::Time t0 = absl::Now();
    for (const RoutingInput& input : made.inputs) {
      absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(input.region.code());
      RoutingInput parsed{input.category,
                          *std::move(region),
                          input.involves_minor,
                          input.child_protection_emergency,
                          {}};
      const routing::Decision d = routing::Route(snapshot, "", parsed);
      checksum += static_cast<int>(d.outcome) + static_cast<int64_t>(d.units.size());
    }
    const double wall = absl::ToDoubleSeconds(absl::Now() - t0);
    std::printf(
        "parse + route     %lld decisions in %.3f s = %9.0f decisions/s  %6.0f ns/decision  "
        "(RegionCode::Parse of the code text included; checksum %lld)\n",
        static_cast<long long>(n), wall, n / wall, 1e9 * wall / n,
        static_cast<long long>(checksum));
  }
  return result;
}

}  // namespace hotline::bench
