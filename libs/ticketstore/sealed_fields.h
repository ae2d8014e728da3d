#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/crypto/field_cipher.h"

namespace hotline::ticketstore {

// A ticket's personal fields as stored (migration 0027): the caller's name and phone, the address,
// the content and the attachments' references, sealed together as a Ticket holding only them,
// bound to the ticket's row; the key that sealed them; the blind index of the phone.
struct SealedFields {
  std::string sealed;
  std::string key_id;
  std::string phone_index;  // empty when there is no phone
};

SealedFields SealTicketFields(const crypto::FieldCipher& cipher, int64_t ticket_id,
                              const hotline::common::v1::Ticket& ticket);
// Sets the personal fields of `ticket` from `sealed`; DATA_LOSS or FAILED_PRECONDITION (see
// FieldCipher::Open) when they do not open. The message names the ticket, never a field's value.
absl::Status OpenTicketFields(const crypto::FieldCipher& cipher, int64_t ticket_id,
                              absl::string_view sealed, hotline::common::v1::Ticket& ticket);

// A text kept with a ticket (ticket_texts) — its body and attachments — sealed the same way,
// bound to the ticket and the version its event gave it.
std::string SealText(const crypto::FieldCipher& cipher, int64_t ticket_id, int64_t ticket_version,
                     const hotline::common::v1::Ticket& holder);
absl::Status OpenText(const crypto::FieldCipher& cipher, int64_t ticket_id, int64_t ticket_version,
                      absl::string_view sealed, hotline::common::v1::Ticket& holder);

}  // namespace hotline::ticketstore
