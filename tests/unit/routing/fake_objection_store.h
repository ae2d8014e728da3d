#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "services/routing/store/objection_store.h"
#include "tests/support/fake_transaction.h"
#include "tests/unit/routing/fake_routing_stores.h"

namespace hotline::testing {

// routing_objections, routing_designations and routing_objection_windows in memory. Pending
// objections are listed while their assignment (in `assignments`) is still DISPATCHED, as the
// PostgreSQL store does.
class FakeObjectionStore final : public routing::ObjectionStore, public FakeState {
 public:
  explicit FakeObjectionStore(const FakeAssignmentStore& assignments) : assignments_(assignments) {}

  std::vector<routing::ObjectionWindowRule> Windows(Transaction&) const override {
    return windows_;
  }
  void SetWindow(Transaction&, const routing::ObjectionWindowRule& rule) const override;
  hotline::routing::v1::Objection Insert(Transaction&, int64_t ticket_id,
                                         const hotline::routing::v1::Objection& o) const override;
  absl::StatusOr<routing::ObjectionRecord> Lock(Transaction&, int64_t id) const override;
  std::optional<hotline::routing::v1::Objection> LatestOf(Transaction&,
                                                          int64_t assignment_id) const override;
  void Decide(Transaction&, const hotline::routing::v1::Objection& o) const override;
  int UpheldCount(Transaction&, int64_t ticket_id) const override;
  std::vector<hotline::routing::v1::Objection> ListPending(
      Transaction&, const routing::ObjectionFilter& filter,
      const std::optional<routing::ObjectionCursor>& after, int limit) const override;
  int64_t CountPending(Transaction& tx, const routing::ObjectionFilter& filter) const override;
  void Designate(Transaction&, int64_t ticket_id, int round, const std::string& unit_id,
                 const std::string&, absl::Time, int) const override {
    designations_.insert({ticket_id, round, unit_id});
  }
  bool IsDesignated(Transaction&, int64_t ticket_id, int round,
                    const std::string& unit_id) const override {
    return designations_.count({ticket_id, round, unit_id}) > 0;
  }

  void Save() override { saved_ = {rows_, designations_, windows_}; }
  void Restore() override { std::tie(rows_, designations_, windows_) = saved_; }

 private:
  bool Matches(const routing::ObjectionRecord& rec, const routing::ObjectionFilter& f) const;

  using Designation = std::tuple<int64_t, int, std::string>;
  const FakeAssignmentStore& assignments_;
  mutable std::map<int64_t, routing::ObjectionRecord> rows_;
  mutable std::set<Designation> designations_;
  mutable std::vector<routing::ObjectionWindowRule> windows_ = {{"", 1, "standard"}};
  std::tuple<std::map<int64_t, routing::ObjectionRecord>, std::set<Designation>,
             std::vector<routing::ObjectionWindowRule>>
      saved_;
};

}  // namespace hotline::testing
