#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/transaction.h"
#include "services/supervision/rules/settings.h"
#include "services/supervision/store/settings_store.h"

namespace hotline::supervision {

// Calendars, policies and the escalation ladder as data: admins edit, the office reads. Edits
// apply to clocks started afterwards (and to rungs not yet scheduled); this replica sees them at
// once, others within the settings cache's lifetime.
class SettingsAdmin {
 public:
  SettingsAdmin(TransactionRunner& transactions, SettingsStore& store, SettingsCache& cache)
      : transactions_(transactions), store_(store), cache_(cache) {}

  // The calendar as stored (its code taken from the text's code line).
  absl::StatusOr<hotline::supervision::v1::Calendar> UpsertCalendar(
      const hotline::supervision::v1::Calendar& calendar);
  absl::StatusOr<hotline::supervision::v1::Calendar> GetCalendar(const std::string& code);
  absl::StatusOr<hotline::supervision::v1::Policy> UpsertPolicy(
      const hotline::supervision::v1::Policy& policy);
  absl::StatusOr<std::vector<hotline::supervision::v1::Policy>> ListPolicies();
  absl::StatusOr<hotline::supervision::v1::EscalationRung> UpsertRung(
      const hotline::supervision::v1::EscalationRung& rung);
  absl::StatusOr<std::vector<hotline::supervision::v1::EscalationRung>> ListRungs();

 private:
  TransactionRunner& transactions_;
  SettingsStore& store_;
  SettingsCache& cache_;
};

}  // namespace hotline::supervision
