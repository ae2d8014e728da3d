#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/transaction.h"
#include "services/intake/store/audit_trail_store.h"

namespace hotline::intake {

struct AuditTrailQuery {
  std::string ticket_number;  // "" = every ticket in reach
  std::string actor;          // "" = anyone
  absl::Time from = absl::InfinitePast();
  absl::Time to = absl::InfiniteFuture();
  int page_size = 0;  // 0 = kDefaultPageSize
  std::string page_token;
};

struct AuditTrailPage {
  std::vector<hotline::intake::v1::AuditEntry> entries;
  std::string next_page_token;  // "" = the last page
};

// ListAuditTrail: who learnt which personal fields of which ticket, when and on what ground —
// the hotline office's view of 知悉范围 across intake, routing and provincial transfer. Only
// tickets within the reader's jurisdiction: elsewhere the trail is empty, exactly as for a
// ticket that does not exist. The entries name fields, never their values.
class AuditTrail {
 public:
  AuditTrail(TransactionRunner& transactions, const AuditTrailStore& store)
      : transactions_(transactions), store_(store) {}
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;

  absl::StatusOr<AuditTrailPage> List(const hotline::common::v1::Actor& reader,
                                      const AuditTrailQuery& query);

 private:
  TransactionRunner& transactions_;
  const AuditTrailStore& store_;
};

}  // namespace hotline::intake
