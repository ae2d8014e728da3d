#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// The hotline office's leave for a unit that is not the lead to see a minor's identifying
// details on one ticket, until `expires_at`.
struct MinorGrant {
  int64_t ticket_id = 0;
  std::string unit_id;
  std::string granted_by;
  std::string reason;
  absl::Time granted_at;
  absl::Time expires_at;
};

// A grant ended by the office before it expired.
struct RevokedGrant {
  int64_t id = 0;
  absl::Time expires_at;
};

// The grants (routing_minor_grants).
class GrantStore {
 public:
  virtual ~GrantStore() = default;
  // Records `grant`; returns its id.
  virtual int64_t Insert(Transaction& tx, const MinorGrant& grant) const = 0;
  // Ends the grants of `unit_id` on the ticket that are live at `at`; returns them.
  virtual std::vector<RevokedGrant> Revoke(Transaction& tx, int64_t ticket_id,
                                           const std::string& unit_id, absl::Time at,
                                           const std::string& revoked_by) const = 0;
  // The id of a grant of `unit_id` on the ticket live at `at` (neither expired nor revoked), or 0.
  virtual int64_t LiveGrant(Transaction& tx, int64_t ticket_id, const std::string& unit_id,
                            absl::Time at) const = 0;
};

class PgGrantStore final : public GrantStore {
 public:
  int64_t Insert(Transaction& tx, const MinorGrant& grant) const override;
  std::vector<RevokedGrant> Revoke(Transaction& tx, int64_t ticket_id, const std::string& unit_id,
                                   absl::Time at, const std::string& revoked_by) const override;
  int64_t LiveGrant(Transaction& tx, int64_t ticket_id, const std::string& unit_id,
                    absl::Time at) const override;
};

}  // namespace hotline::routing
