#pragma once

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/service/token_auth.h"

namespace hotline::intake {

// How much of a ticket a caller may see through intake (知悉范围: as few people as possible).
enum class TicketView {
  kFull,    // personal data shown; the read is audited
  kMasked,  // names, phones and address masked, content withheld
};

// The policy, as a table in ticket_access.cc:
//   outside the caller's jurisdiction (the ticket's region not within it) → PERMISSION_DENIED;
//   SUPERVISOR                → full (the hotline office judges minors' cases too);
//   FRONTEND                  → full, but masked when the ticket involves a minor or the caller
//                               asked for confidentiality;
//   PROVINCE, ADMIN           → masked (operators and the platform do not need the person);
//   UNIT, REPORTING           → PERMISSION_DENIED (units read their assignments through routing).
absl::StatusOr<TicketView> ViewFor(const service::Principal& caller,
                                   const hotline::common::v1::Ticket& ticket);

// Masks in place: caller name keeps its first character ("张三" → "张*", "欧阳娜娜" → "欧***"),
// phone keeps the first 3 and last 4 digits of a mobile ("138****5678") and the area code of a
// landline ("0871-********"), address becomes "***" (empty stays empty), content and attachments
// are cleared. The rest of the ticket is untouched.
void MaskPersonalData(hotline::common::v1::Ticket& ticket);

}  // namespace hotline::intake
