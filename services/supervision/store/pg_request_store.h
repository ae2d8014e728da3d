#pragma once

#include "libs/crypto/field_cipher.h"
#include "services/supervision/store/request_store.h"

namespace hotline::supervision {

// RequestStore on PostgreSQL (migration 0009); reasons sealed with `cipher` (0046).
class PgRequestStore final : public RequestStore {
 public:
  explicit PgRequestStore(const crypto::FieldCipher& cipher) : cipher_(cipher) {}

  int64_t AddSuspension(Transaction& tx, const SuspensionRequestDraft& draft) override;
  std::optional<SuspensionRequestHead> LockSuspension(Transaction& tx, int64_t id) override;
  void DecideSuspension(Transaction& tx, int64_t id, hotline::supervision::v1::ExtensionState state,
                        const std::string& reason, absl::Time at) override;
  int64_t AddExtension(Transaction& tx, int64_t ticket_id, const std::string& region_code,
                       const hotline::supervision::v1::ExtensionRequest& request) override;
  std::optional<hotline::supervision::v1::ExtensionRequest> LockExtension(Transaction& tx,
                                                                          int64_t id) override;
  void DecideExtension(Transaction& tx, int64_t id, hotline::supervision::v1::ExtensionState state,
                       const std::string& reason, absl::Time at) override;
  std::vector<hotline::supervision::v1::ExtensionRequest> ExtensionsOfTicket(
      Transaction& tx, int64_t ticket_id, const std::string& ticket_number) override;

 private:
  // A table of requests: its name, the read of a request's reason, the decision's update.
  struct RequestTable {
    const char* table;
    const char* reason_sql;
    const char* decide_sql;
  };
  void Decide(Transaction& tx, const RequestTable& t, int64_t id,
              hotline::supervision::v1::ExtensionState state, const std::string& reason,
              absl::Time at) const;

  const crypto::FieldCipher& cipher_;
};

// FollowUpStore on PostgreSQL (supervision_follow_ups).
class PgFollowUpStore final : public FollowUpStore {
 public:
  int CountUnreachable(Transaction& tx, int64_t ticket_id) override;
};

}  // namespace hotline::supervision
