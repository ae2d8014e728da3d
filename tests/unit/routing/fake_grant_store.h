#pragma once

#include <string>
#include <vector>

#include "services/routing/store/grant_store.h"

namespace hotline::testing {

// routing_minor_grants in memory.
class FakeGrantStore final : public routing::GrantStore {
 public:
  int64_t Insert(Transaction&, const routing::MinorGrant& grant) const override {
    rows_.push_back({grant, absl::InfiniteFuture()});
    return static_cast<int64_t>(rows_.size());
  }
  std::vector<routing::RevokedGrant> Revoke(Transaction&, int64_t ticket_id,
                                            const std::string& unit_id, absl::Time at,
                                            const std::string&) const override {
    std::vector<routing::RevokedGrant> revoked;
    for (size_t i = 0; i < rows_.size(); ++i) {
      Row& row = rows_[i];
      if (Matches(row, ticket_id, unit_id, at)) {
        row.revoked_at = at;
        revoked.push_back({static_cast<int64_t>(i + 1), row.grant.expires_at});
      }
    }
    return revoked;
  }
  int64_t LiveGrant(Transaction&, int64_t ticket_id, const std::string& unit_id,
                    absl::Time at) const override {
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (Matches(rows_[i], ticket_id, unit_id, at)) return static_cast<int64_t>(i + 1);
    }
    return 0;
  }

 private:
  struct Row {
    routing::MinorGrant grant;
    absl::Time revoked_at;
  };
  static bool Matches(const Row& row, int64_t ticket_id, const std::string& unit_id,
                      absl::Time at) {
    return row.grant.ticket_id == ticket_id && row.grant.unit_id == unit_id &&
           row.revoked_at == absl::InfiniteFuture() && row.grant.expires_at > at;
  }
  mutable std::vector<Row> rows_;
};

}  // namespace hotline::testing
