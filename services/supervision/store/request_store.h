#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/transaction.h"

namespace hotline::supervision {

// A lead unit's request to suspend (挂起), waiting for the office.
struct SuspensionRequestDraft {
  int64_t ticket_id = 0;
  std::string ticket_number;
  std::string region_code;
  std::string requested_by;  // the unit id
  std::string reason;
  absl::Time requested_at;
};

// What deciding a suspension request needs to know of it.
struct SuspensionRequestHead {
  std::string ticket_number;
  hotline::supervision::v1::ExtensionState state;
};

// Suspension and extension requests, inside the caller's transaction. States are
// hotline.supervision.v1.ExtensionState for both kinds. PgRequestStore keeps them in
// supervision_suspension_requests and supervision_extension_requests.
class RequestStore {
 public:
  virtual ~RequestStore() = default;

  // The new request's id.
  virtual int64_t AddSuspension(Transaction& tx, const SuspensionRequestDraft& draft) = 0;
  // The request, locked until the transaction ends; nullopt when there is none.
  virtual std::optional<SuspensionRequestHead> LockSuspension(Transaction& tx, int64_t id) = 0;
  virtual void DecideSuspension(Transaction& tx, int64_t id,
                                hotline::supervision::v1::ExtensionState state,
                                const std::string& reason, absl::Time at) = 0;

  // Stores a PENDING request of `request.unit_id` (ticket number, reason, requested and asked
  // times); returns its id.
  virtual int64_t AddExtension(Transaction& tx, int64_t ticket_id, const std::string& region_code,
                               const hotline::supervision::v1::ExtensionRequest& request) = 0;
  // The request (without its decision), locked; nullopt when there is none.
  virtual std::optional<hotline::supervision::v1::ExtensionRequest> LockExtension(Transaction& tx,
                                                                                  int64_t id) = 0;
  virtual void DecideExtension(Transaction& tx, int64_t id,
                               hotline::supervision::v1::ExtensionState state,
                               const std::string& reason, absl::Time at) = 0;
  // The ticket's extension requests, oldest first, numbered `ticket_number`.
  virtual std::vector<hotline::supervision::v1::ExtensionRequest> ExtensionsOfTicket(
      Transaction& tx, int64_t ticket_id, const std::string& ticket_number) = 0;
};

// How many times the caller could not be reached for a ticket's follow-up (回访).
// PgFollowUpStore keeps the count in supervision_follow_ups.
class FollowUpStore {
 public:
  virtual ~FollowUpStore() = default;
  // Counts one more unreachable attempt; returns the attempts so far, this one included.
  virtual int CountUnreachable(Transaction& tx, int64_t ticket_id) = 0;
};

}  // namespace hotline::supervision
