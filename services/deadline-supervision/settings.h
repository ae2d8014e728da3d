#pragma once

#include <memory>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/calendar/business_calendar.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "services/deadline-supervision/deadline_rules.h"

namespace hotline::supervision {

// Policies, the escalation rungs and the calendars, as one consistent read.
struct Settings {
  std::vector<PolicyRow> policies;
  Rungs rungs;
  absl::flat_hash_map<std::string, std::shared_ptr<const calendar::BusinessCalendar>> calendars;

  // FAILED_PRECONDITION when the policy names a calendar that is not there or does not parse.
  absl::StatusOr<const calendar::BusinessCalendar*> Calendar(const std::string& code) const;
  // The policy for a matter, or FAILED_PRECONDITION when none applies (there is a catch-all in
  // the seed; an operator removing it gets this).
  absl::StatusOr<const PolicyRow*> PolicyFor(int kind, int urgency,
                                             const std::string& category) const;
  const PolicyRow* PolicyById(int64_t id) const;
};

absl::StatusOr<Settings> LoadSettings(pqxx::transaction_base& tx);

// Settings cached for `ttl`; edits through this replica's admin RPCs invalidate at once.
class SettingsCache {
 public:
  SettingsCache(pg::PgPool& pool, absl::Duration ttl, const Clock& clock)
      : pool_(pool), ttl_(ttl), clock_(clock) {}
  absl::StatusOr<std::shared_ptr<const Settings>> Get();
  void Invalidate();

 private:
  pg::PgPool& pool_;
  const absl::Duration ttl_;
  const Clock& clock_;
  absl::Mutex mu_;
  std::shared_ptr<const Settings> current_ ABSL_GUARDED_BY(mu_);
  absl::Time loaded_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace hotline::supervision
