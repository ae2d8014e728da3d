#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/transaction.h"
#include "services/supervision/rules/settings.h"

namespace hotline::supervision {

// Calendars, deadline policies and the escalation rungs, inside the caller's transaction.
// PgSettingsStore keeps them in supervision_calendars, supervision_policies and
// supervision_escalation_rungs.
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;

  // Every calendar, the active policies and the active rungs, as the rules use them.
  virtual absl::StatusOr<Settings> Load(Transaction& tx) = 0;

  virtual void PutCalendar(Transaction& tx, const std::string& code, const std::string& text) = 0;
  // The calendar's text; nullopt when there is none.
  virtual std::optional<std::string> CalendarText(Transaction& tx, const std::string& code) = 0;

  // Updates the policy `policy.id` (active again); nullopt when there is none with that id.
  virtual std::optional<hotline::supervision::v1::Policy> UpdatePolicy(
      Transaction& tx, const hotline::supervision::v1::Policy& policy) = 0;
  // Inserts the policy, or updates the one of the same kind, urgency, category prefix and
  // priority.
  virtual hotline::supervision::v1::Policy InsertPolicy(
      Transaction& tx, const hotline::supervision::v1::Policy& policy) = 0;
  // Every policy, active or not, by id.
  virtual std::vector<hotline::supervision::v1::Policy> Policies(Transaction& tx) = 0;

  virtual void PutRung(Transaction& tx, const hotline::supervision::v1::EscalationRung& rung) = 0;
  // Every rung, by step.
  virtual std::vector<hotline::supervision::v1::EscalationRung> Rungs(Transaction& tx) = 0;
};

}  // namespace hotline::supervision
