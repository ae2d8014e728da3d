#pragma once

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/deadline-supervision/settings.h"

namespace hotline::supervision {

// Calendars, policies and the escalation ladder as data: admins edit, the office reads. Edits
// apply to clocks started afterwards (and to rungs not yet scheduled); this replica sees them at
// once, others within the settings cache's lifetime.
class SettingsAdmin {
 public:
  SettingsAdmin(pg::PgPool& pool, SettingsCache& cache) : pool_(pool), cache_(cache) {}

  absl::StatusOr<hotline::supervision::v1::UpsertCalendarResponse> UpsertCalendar(
      const service::Principal& caller, const hotline::supervision::v1::UpsertCalendarRequest& r);
  absl::StatusOr<hotline::supervision::v1::GetCalendarResponse> GetCalendar(
      const service::Principal& caller, const hotline::supervision::v1::GetCalendarRequest& r);
  absl::StatusOr<hotline::supervision::v1::UpsertPolicyResponse> UpsertPolicy(
      const service::Principal& caller, const hotline::supervision::v1::UpsertPolicyRequest& r);
  absl::StatusOr<hotline::supervision::v1::ListPoliciesResponse> ListPolicies(
      const service::Principal& caller);
  absl::StatusOr<hotline::supervision::v1::UpsertEscalationStepResponse> UpsertRung(
      const service::Principal& caller,
      const hotline::supervision::v1::UpsertEscalationStepRequest& r);
  absl::StatusOr<hotline::supervision::v1::ListEscalationStepsResponse> ListRungs(
      const service::Principal& caller);

 private:
  pg::PgPool& pool_;
  SettingsCache& cache_;
};

}  // namespace hotline::supervision
