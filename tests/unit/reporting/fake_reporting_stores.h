#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/reporting/store/catalogue_store.h"
#include "services/reporting/store/counter_store.h"
#include "services/reporting/store/event_history.h"
#include "services/reporting/store/frozen_report_store.h"
#include "services/reporting/store/rollup_tables.h"
#include "services/reporting/store/ticket_facts_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::reporting {

class FakeTicketFactsStore final : public TicketFactsStore, public testing::FakeState {
 public:
  std::optional<TicketFacts> Lock(Transaction&, int64_t ticket_id) override;
  void Save(Transaction&, const TicketFacts& facts) override { rows[facts.ticket_id] = facts; }
  void Save() override { saved_ = rows; }
  void Restore() override { rows = saved_; }

  std::map<int64_t, TicketFacts> rows;

 private:
  std::map<int64_t, TicketFacts> saved_;
};

// Every delta kept as added; sums filter and group them as the SQL does.
class FakeCounterStore final : public CounterStore, public testing::FakeState {
 public:
  void Add(Transaction&, const std::vector<Delta>& deltas) override;
  std::vector<CounterSum> Sum(Transaction&, absl::CivilDay from, absl::CivilDay to,
                              const CellFilter& filter, const CellGrouping& grouping,
                              const std::vector<Counter>& only) override;
  void Save() override { saved_ = deltas; }
  void Restore() override { deltas = saved_; }

  std::vector<Delta> deltas;

 private:
  std::vector<Delta> saved_;
};

// The fresh copies: StartFresh puts the live rows aside and starts empty; SwapIn forgets them.
class FakeRollupTables final : public RollupTables, public testing::FakeState {
 public:
  FakeRollupTables(FakeTicketFactsStore& facts, FakeCounterStore& counts)
      : facts_(facts), counts_(counts) {}
  void StartFresh(Transaction&) override;
  void SwapIn(Transaction&) override { swapped_in = true; }
  void RecordProgress(Transaction&, int partition, absl::Time at) override;
  std::optional<absl::Time> LastApplied(Transaction&) override;
  void Save() override { saved_ = progress; }
  void Restore() override { progress = saved_; }

  std::map<int, absl::Time> progress;
  bool swapped_in = false;

 private:
  FakeTicketFactsStore& facts_;
  FakeCounterStore& counts_;
  std::map<int, absl::Time> saved_;
};

class FakeEventHistory final : public EventHistory {
 public:
  absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> After(Transaction&,
                                                                        int64_t ticket_id,
                                                                        int64_t ticket_version,
                                                                        int limit) override;
  absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> OfTicket(
      Transaction&, int64_t ticket_id, absl::Time before) override;
  std::optional<absl::Time> NewestEventAt(Transaction&,
                                          const std::vector<std::string>& types) override;

  std::vector<hotline::common::v1::EventEnvelope> events;  // any order
};

class FakeCatalogueStore final : public CatalogueStore {
 public:
  absl::StatusOr<Catalogue> EffectiveOn(Transaction&, absl::CivilDay day) override;
  absl::StatusOr<std::string> CalendarOn(Transaction& tx, absl::CivilDay day) override;
  absl::StatusOr<ResponseLimits> ResponseLimitsOn(Transaction& tx, absl::CivilDay day) override;

  std::vector<Catalogue> versions;  // by effective date, oldest first
  std::vector<absl::CivilDay> asked;
};

class FakeFrozenReportStore final : public FrozenReportStore, public testing::FakeState {
 public:
  std::optional<FrozenReport> Load(Transaction&, const std::string& report,
                                   absl::CivilDay period_start,
                                   const std::string& region_prefix) override;
  void FreezeOnce(Transaction&, const FrozenReport& frozen) override;
  void Save() override { saved_ = reports; }
  void Restore() override { reports = saved_; }

  std::vector<FrozenReport> reports;

 private:
  std::vector<FrozenReport> saved_;
};

}  // namespace hotline::reporting
