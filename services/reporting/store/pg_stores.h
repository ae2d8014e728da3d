#pragma once

#include "services/reporting/store/catalogue_store.h"
#include "services/reporting/store/counter_store.h"
#include "services/reporting/store/ticket_facts_store.h"

namespace hotline::reporting {

// The PostgreSQL stores of reporting; each statement is beside the function that runs it.

class PgTicketFactsStore final : public TicketFactsStore {
 public:
  std::optional<TicketFacts> Lock(Transaction& tx, int64_t ticket_id) override;
  void Save(Transaction& tx, const TicketFacts& facts) override;
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
  absl::StatusOr<std::string> CalendarText(Transaction& tx, const std::string& code) override;
};

}  // namespace hotline::reporting
