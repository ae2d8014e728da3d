#pragma once

#include "libs/crypto/field_cipher.h"
#include "services/routing/store/assignment_store.h"

namespace hotline::routing {

// AssignmentStore on PostgreSQL; the hot statements are prepared once per connection. Replies and
// returns' reasons are sealed with `cipher` (libs/ticketstore/sealed_columns.h).
class PgAssignmentStore final : public AssignmentStore {
 public:
  explicit PgAssignmentStore(const crypto::FieldCipher& cipher) : cipher_(cipher) {}

  std::vector<hotline::routing::v1::Assignment> Insert(Transaction& tx,
                                                       const hotline::common::v1::Ticket& ticket,
                                                       int round,
                                                       const std::vector<NewAssignment>& units,
                                                       absl::Time now) const override;
  absl::StatusOr<AssignmentRecord> Lock(Transaction& tx, int64_t assignment_id) const override;
  void Save(Transaction& tx, const hotline::routing::v1::Assignment& a) const override;
  void SetReplyDue(Transaction& tx, int64_t assignment_id, absl::Time due) const override;
  std::vector<hotline::routing::v1::Assignment> OfRound(Transaction& tx, int64_t ticket_id,
                                                        int round) const override;
  TicketRouting RoutingStateOf(Transaction& tx, int64_t ticket_id) const override;
  std::vector<hotline::routing::v1::Assignment> ListForUnit(
      Transaction& tx, const std::string& unit_id, hotline::common::v1::AssignmentState state,
      int64_t before_id, int limit) const override;
  RecordedContact RecordContact(Transaction& tx, const hotline::routing::v1::Assignment& a,
                                hotline::routing::v1::ContactMeans means, absl::Time contacted_at,
                                absl::Time now) const override;

 private:
  const crypto::FieldCipher& cipher_;
};

}  // namespace hotline::routing
