#pragma once

#include "services/supervision/store/settings_store.h"

namespace hotline::supervision {

// SettingsStore on PostgreSQL (migration 0009, seeded by 0010).
class PgSettingsStore final : public SettingsStore {
 public:
  absl::StatusOr<Settings> Load(Transaction& tx) override;
  void PutCalendar(Transaction& tx, const std::string& code, const std::string& text) override;
  std::optional<std::string> CalendarText(Transaction& tx, const std::string& code) override;
  std::optional<hotline::supervision::v1::Policy> UpdatePolicy(
      Transaction& tx, const hotline::supervision::v1::Policy& policy) override;
  hotline::supervision::v1::Policy InsertPolicy(
      Transaction& tx, const hotline::supervision::v1::Policy& policy) override;
  std::vector<hotline::supervision::v1::Policy> Policies(Transaction& tx) override;
  void PutRung(Transaction& tx, const hotline::supervision::v1::EscalationRung& rung) override;
  std::vector<hotline::supervision::v1::EscalationRung> Rungs(Transaction& tx) override;
};

}  // namespace hotline::supervision
