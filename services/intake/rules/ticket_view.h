#pragma once

#include <string>
#include <vector>

#include "hotline/common/v1/ticket.pb.h"

namespace hotline::intake {

// How much of a ticket a caller may see through intake (知悉范围: as few people as possible).
enum class TicketView {
  kFull,    // personal data shown; the read is audited
  kMasked,  // names, phones and address masked, content withheld
};

// What a reader's role allows inside its jurisdiction (api/ticket_access.h says which role gets
// which).
enum class ReadAccess {
  kFull,
  // Full only for the credential that took the ticket, within a period after it did, and never
  // when the ticket involves a minor or is confidential; masked otherwise.
  kFullIfTakenRecently,
  kMasked,
};

// The view of `ticket` that `access` gives; `taken_recently`: the reader's own credential took
// the ticket, within the period a taker keeps seeing it whole.
TicketView ViewOf(ReadAccess access, const hotline::common::v1::Ticket& ticket,
                  bool taken_recently = false);

// Masks in place: caller name keeps its first character ("张三" → "张*", "欧阳娜娜" → "欧***"),
// phone keeps the first 3 and last 4 digits of a mobile ("138****5678") and the area code of a
// landline ("0871-********"), address becomes "***" (empty stays empty), content and attachments
// are cleared. The rest of the ticket is untouched.
void MaskPersonalData(hotline::common::v1::Ticket& ticket);

// The personal fields of `ticket` that MaskPersonalData would hide, by name ("caller.name",
// "caller.phone", "address", "content", "attachments"), for the audit of a full view.
std::vector<std::string> PersonalFieldsOf(const hotline::common::v1::Ticket& ticket);

}  // namespace hotline::intake
