#pragma once

#include "services/reporting/store/catalogue_store.h"
#include "services/reporting/store/counter_store.h"
#include "services/reporting/store/event_history.h"
#include "services/reporting/store/frozen_report_store.h"
#include "services/reporting/store/rollup_tables.h"
#include "services/reporting/store/ticket_facts_store.h"

namespace hotline::reporting {

// The PostgreSQL stores of reporting; each statement is beside the function that runs it.

class PgTicketFactsStore final : public TicketFactsStore {
 public:
  std::optional<TicketFacts> Lock(Transaction& tx, int64_t ticket_id) override;
  void Save(Transaction& tx, const TicketFacts& facts) override;
  absl::flat_hash_map<int64_t, TicketFacts> LockMany(
      Transaction& tx, const std::vector<int64_t>& ticket_ids) override;
  void SaveMany(Transaction& tx, const std::vector<TicketFacts>& facts) override;
};

class PgCounterStore final : public CounterStore {
 public:
  void Add(Transaction& tx, const std::vector<Delta>& deltas) override;
  std::vector<CounterSum> Sum(Transaction& tx, absl::CivilDay from, absl::CivilDay to,
                              const CellFilter& filter, const CellGrouping& grouping,
                              const std::vector<Counter>& only) override;
};

class PgCatalogueStore final : public CatalogueStore {
 public:
  absl::StatusOr<Catalogue> EffectiveOn(Transaction& tx, absl::CivilDay day) override;
  absl::StatusOr<std::string> CalendarOn(Transaction& tx, absl::CivilDay day) override;
  absl::StatusOr<ResponseLimits> ResponseLimitsOn(Transaction& tx, absl::CivilDay day) override;
};

class PgEventHistory final : public EventHistory {
 public:
  absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> After(Transaction& tx,
                                                                        int64_t ticket_id,
                                                                        int64_t ticket_version,
                                                                        int limit) override;
  absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> OfTicket(
      Transaction& tx, int64_t ticket_id, absl::Time before) override;
  std::optional<absl::Time> NewestEventAt(Transaction& tx,
                                          const std::vector<std::string>& types) override;
};

// The fresh copies are temporary tables of the same names, dropped at commit: in the rebuild's
// transaction they shadow the live ones, so the same stores and statements fill them.
class PgRollupTables final : public RollupTables {
 public:
  void StartFresh(Transaction& tx) override;
  void SwapIn(Transaction& tx) override;
  void RecordProgress(Transaction& tx, int partition, absl::Time at) override;
  std::optional<absl::Time> LastApplied(Transaction& tx) override;
};

class PgFrozenReportStore final : public FrozenReportStore {
 public:
  std::optional<FrozenReport> Load(Transaction& tx, const std::string& report,
                                   absl::CivilDay period_start,
                                   const std::string& region_prefix) override;
  void FreezeOnce(Transaction& tx, const FrozenReport& frozen) override;
};

}  // namespace hotline::reporting
