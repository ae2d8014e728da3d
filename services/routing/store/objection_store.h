#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/rules/objection_rules.h"

namespace hotline::routing {

// An objection with the ticket it belongs to.
struct ObjectionRecord {
  int64_t ticket_id = 0;
  hotline::routing::v1::Objection objection;
};

// Which pending objections the office lists; empty fields do not filter.
struct ObjectionFilter {
  std::string region_prefix;    // within the office's jurisdiction
  std::string category_prefix;  // a category or its parent
  int urgency = 0;              // hotline.common.v1.Urgency; 0 = any
  std::optional<absl::Time> raised_before;
};

// Where a page of pending objections ends: oldest first, then by id.
struct ObjectionCursor {
  int64_t raised_at_micros = 0;
  int64_t id = 0;
};

// Objections to dispatches (routing_objections), the office's designations
// (routing_designations) and the return windows by category (routing_objection_windows).
class ObjectionStore {
 public:
  virtual ~ObjectionStore() = default;

  virtual std::vector<ObjectionWindowRule> Windows(Transaction& tx) const = 0;
  // Inserts or replaces the rule of its category prefix.
  virtual void SetWindow(Transaction& tx, const ObjectionWindowRule& rule) const = 0;

  // Inserts `o` (PENDING) for `ticket_id`; the objection with its id.
  virtual hotline::routing::v1::Objection Insert(
      Transaction& tx, int64_t ticket_id, const hotline::routing::v1::Objection& o) const = 0;
  // Locks the objection row. NOT_FOUND when there is none.
  virtual absl::StatusOr<ObjectionRecord> Lock(Transaction& tx, int64_t objection_id) const = 0;
  // The assignment's latest objection, if any.
  virtual std::optional<hotline::routing::v1::Objection> LatestOf(Transaction& tx,
                                                                  int64_t assignment_id) const = 0;
  // Writes the decision: state, decided_at, decided_by, decision_reason, failed_dispatches.
  virtual void Decide(Transaction& tx, const hotline::routing::v1::Objection& o) const = 0;
  // How many of the ticket's objections the office upheld: its failed dispatches.
  virtual int UpheldCount(Transaction& tx, int64_t ticket_id) const = 0;
  // Pending objections whose assignment is still live, after `after`.
  virtual std::vector<hotline::routing::v1::Objection> ListPending(
      Transaction& tx, const ObjectionFilter& filter, const std::optional<ObjectionCursor>& after,
      int limit) const = 0;
  virtual int64_t CountPending(Transaction& tx, const ObjectionFilter& filter) const = 0;

  virtual void Designate(Transaction& tx, int64_t ticket_id, int round, const std::string& unit_id,
                         const std::string& designated_by, absl::Time at,
                         int failed_dispatches) const = 0;
  virtual bool IsDesignated(Transaction& tx, int64_t ticket_id, int round,
                            const std::string& unit_id) const = 0;
};

}  // namespace hotline::routing
