#pragma once

#include "libs/crypto/field_cipher.h"
#include "services/routing/store/objection_store.h"

namespace hotline::routing {

// ObjectionStore on PostgreSQL; the unit's and the office's reasons are sealed with `cipher`
// (libs/ticketstore/sealed_columns.h).
class PgObjectionStore final : public ObjectionStore {
 public:
  explicit PgObjectionStore(const crypto::FieldCipher& cipher) : cipher_(cipher) {}

  std::vector<ObjectionWindowRule> Windows(Transaction& tx) const override;
  void SetWindow(Transaction& tx, const ObjectionWindowRule& rule) const override;
  hotline::routing::v1::Objection Insert(Transaction& tx, int64_t ticket_id,
                                         const hotline::routing::v1::Objection& o) const override;
  absl::StatusOr<ObjectionRecord> Lock(Transaction& tx, int64_t objection_id) const override;
  std::optional<hotline::routing::v1::Objection> LatestOf(Transaction& tx,
                                                          int64_t assignment_id) const override;
  void Decide(Transaction& tx, const hotline::routing::v1::Objection& o) const override;
  int UpheldCount(Transaction& tx, int64_t ticket_id) const override;
  std::vector<hotline::routing::v1::Objection> ListPending(
      Transaction& tx, const ObjectionFilter& filter, const std::optional<ObjectionCursor>& after,
      int limit) const override;
  int64_t CountPending(Transaction& tx, const ObjectionFilter& filter) const override;
  void Designate(Transaction& tx, int64_t ticket_id, int round, const std::string& unit_id,
                 const std::string& designated_by, absl::Time at,
                 int failed_dispatches) const override;
  bool IsDesignated(Transaction& tx, int64_t ticket_id, int round,
                    const std::string& unit_id) const override;

 private:
  const crypto::FieldCipher& cipher_;
};

}  // namespace hotline::routing
