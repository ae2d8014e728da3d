#include "tests/unit/reporting/fake_reporting_stores.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/match.h"
#include "libs/common/proto_time.h"

namespace hotline::reporting {

std::optional<TicketFacts> FakeTicketFactsStore::Lock(Transaction&, int64_t ticket_id) {
  auto it = rows.find(ticket_id);
  if (it == rows.end()) return std::nullopt;
  return it->second;
}

void FakeCounterStore::Add(Transaction&, const std::vector<Delta>& added) {
  deltas.insert(deltas.end(), added.begin(), added.end());
}

namespace {

bool Passes(const Dimensions& d, const CellFilter& f) {
  return absl::StartsWith(d.region_code, f.region_prefix) &&
         (f.unit_id.empty() || d.unit_id == f.unit_id) &&
         (f.category.empty() || d.category == f.category ||
          absl::StartsWith(d.category, f.category + "/")) &&
         (f.kind == 0 || d.kind == f.kind) && (f.channel == 0 || d.channel == f.channel) &&
         (f.line == 0 || d.line == f.line) && (!f.minors_only || d.involves_minor);
}

CellKey KeyOf(const Dimensions& d, const CellGrouping& g) {
  CellKey key;
  if (g.region_digits > 0) key[0] = d.region_code.substr(0, g.region_digits);
  if (g.unit) key[1] = d.unit_id;
  if (g.category) key[2] = d.category;
  if (g.kind) key[3] = std::to_string(d.kind);
  if (g.channel) key[4] = std::to_string(d.channel);
  if (g.line) key[5] = std::to_string(d.line);
  if (g.minor) key[6] = d.involves_minor ? "true" : "false";
  return key;
}

}  // namespace

std::vector<CounterSum> FakeCounterStore::Sum(Transaction&, absl::CivilDay from, absl::CivilDay to,
                                              const CellFilter& filter,
                                              const CellGrouping& grouping,
                                              const std::vector<Counter>& only) {
  std::map<std::tuple<CellKey, int, std::string>, int64_t> sums;
  for (const Delta& d : deltas) {
    if (d.day < from || d.day > to || !Passes(d.dims, filter)) continue;
    if (!only.empty() && std::find(only.begin(), only.end(), d.counter) == only.end()) continue;
    sums[{KeyOf(d.dims, grouping), static_cast<int>(d.counter), d.detail}] += d.amount;
  }
  std::vector<CounterSum> out;
  for (const auto& [k, amount] : sums) {
    out.push_back({std::get<0>(k), static_cast<Counter>(std::get<1>(k)), std::get<2>(k), amount});
  }
  return out;
}

void FakeRollupTables::StartFresh(Transaction&) {
  facts_.rows.clear();
  counts_.deltas.clear();
}

void FakeRollupTables::RecordProgress(Transaction&, int partition, absl::Time at) {
  auto [it, inserted] = progress.emplace(partition, at);
  if (!inserted) it->second = std::max(it->second, at);
}

std::optional<absl::Time> FakeRollupTables::LastApplied(Transaction&) {
  std::optional<absl::Time> last;
  for (const auto& [partition, at] : progress) last = last ? std::max(*last, at) : at;
  return last;
}

absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> FakeEventHistory::After(
    Transaction&, int64_t ticket_id, int64_t ticket_version, int limit) {
  std::vector<hotline::common::v1::EventEnvelope> sorted = events;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.ticket_id(), a.ticket_version()) <
           std::make_pair(b.ticket_id(), b.ticket_version());
  });
  std::vector<hotline::common::v1::EventEnvelope> out;
  for (const auto& e : sorted) {
    if (std::make_pair(e.ticket_id(), e.ticket_version()) <=
        std::make_pair(ticket_id, ticket_version)) {
      continue;
    }
    if (static_cast<int>(out.size()) == limit) break;
    out.push_back(e);
  }
  return out;
}

absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> FakeEventHistory::OfTicket(
    Transaction& tx, int64_t ticket_id, absl::Time before) {
  absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> all =
      After(tx, ticket_id, 0, static_cast<int>(events.size()));
  if (!all.ok()) return all.status();
  std::vector<hotline::common::v1::EventEnvelope> out;
  for (auto& e : *all) {
    if (e.ticket_id() == ticket_id && FromTimestamp(e.occurred_at()) < before) out.push_back(e);
  }
  return out;
}

std::optional<absl::Time> FakeEventHistory::NewestEventAt(Transaction&,
                                                          const std::vector<std::string>& types) {
  std::optional<absl::Time> newest;
  for (const auto& e : events) {
    if (std::find(types.begin(), types.end(), e.type()) == types.end()) continue;
    const absl::Time at = FromTimestamp(e.occurred_at());
    newest = newest ? std::max(*newest, at) : at;
  }
  return newest;
}

absl::StatusOr<Catalogue> FakeCatalogueStore::EffectiveOn(Transaction&, absl::CivilDay day) {
  asked.push_back(day);
  if (versions.empty()) return absl::FailedPreconditionError("the indicator catalogue is empty");
  const Catalogue* in_force = &versions.front();
  for (const Catalogue& c : versions) {
    if (c.effective_from <= day) in_force = &c;
  }
  return *in_force;
}

absl::StatusOr<std::string> FakeCatalogueStore::CalendarOn(Transaction& tx, absl::CivilDay day) {
  absl::StatusOr<Catalogue> in_force = EffectiveOn(tx, day);
  if (!in_force.ok()) return in_force.status();
  return in_force->calendar;
}

absl::StatusOr<ResponseLimits> FakeCatalogueStore::ResponseLimitsOn(Transaction& tx,
                                                                    absl::CivilDay day) {
  absl::StatusOr<Catalogue> in_force = EffectiveOn(tx, day);
  if (!in_force.ok()) return in_force.status();
  return in_force->response_limits;
}

std::optional<FrozenReport> FakeFrozenReportStore::Load(Transaction&, const std::string& report,
                                                        absl::CivilDay period_start,
                                                        const std::string& region_prefix) {
  for (const FrozenReport& f : reports) {
    if (f.report == report && f.period_start == period_start && f.region_prefix == region_prefix) {
      return f;
    }
  }
  return std::nullopt;
}

void FakeFrozenReportStore::FreezeOnce(Transaction& tx, const FrozenReport& frozen) {
  if (!Load(tx, frozen.report, frozen.period_start, frozen.region_prefix)) {
    reports.push_back(frozen);
  }
}

}  // namespace hotline::reporting
