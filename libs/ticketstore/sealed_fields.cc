#include "libs/ticketstore/sealed_fields.h"

#include "absl/strings/str_cat.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;

std::string TicketContext(int64_t ticket_id) { return absl::StrCat("tickets/", ticket_id); }
std::string TextContext(int64_t ticket_id, int64_t version) {
  return absl::StrCat("ticket_texts/", ticket_id, "/", version);
}

absl::Status Open(const crypto::FieldCipher& cipher, absl::string_view sealed,
                  const std::string& context, v1::Ticket& holder) {
  absl::StatusOr<std::string> plain = cipher.Open(sealed, context);
  if (!plain.ok()) {
    return absl::Status(plain.status().code(),
                        absl::StrCat("the personal data of ", context,
                                     " does not open: ", plain.status().message()));
  }
  if (!holder.ParseFromString(*plain)) {
    return absl::DataLossError(absl::StrCat("the personal data of ", context, " is unreadable"));
  }
  return absl::OkStatus();
}

}  // namespace

SealedFields SealTicketFields(const crypto::FieldCipher& cipher, int64_t ticket_id,
                              const v1::Ticket& ticket) {
  v1::Ticket holder;
  holder.set_address(ticket.address());
  holder.mutable_caller()->set_name(ticket.caller().name());
  holder.mutable_caller()->set_phone(ticket.caller().phone());
  holder.set_content(ticket.content());
  *holder.mutable_attachments() = ticket.attachments();
  SealedFields fields;
  fields.sealed = cipher.Seal(holder.SerializeAsString(), TicketContext(ticket_id));
  fields.key_id = crypto::FieldCipher::KeyIdOf(fields.sealed);
  if (!ticket.caller().phone().empty())
    fields.phone_index = cipher.BlindIndex(ticket.caller().phone());
  return fields;
}

absl::Status OpenTicketFields(const crypto::FieldCipher& cipher, int64_t ticket_id,
                              absl::string_view sealed, v1::Ticket& ticket) {
  v1::Ticket holder;
  if (absl::Status opened = Open(cipher, sealed, TicketContext(ticket_id), holder); !opened.ok()) {
    return opened;
  }
  ticket.set_address(holder.address());
  ticket.mutable_caller()->set_name(holder.caller().name());
  ticket.mutable_caller()->set_phone(holder.caller().phone());
  ticket.set_content(holder.content());
  *ticket.mutable_attachments() = holder.attachments();
  return absl::OkStatus();
}

std::string SealText(const crypto::FieldCipher& cipher, int64_t ticket_id, int64_t ticket_version,
                     const v1::Ticket& holder) {
  return cipher.Seal(holder.SerializeAsString(), TextContext(ticket_id, ticket_version));
}

absl::Status OpenText(const crypto::FieldCipher& cipher, int64_t ticket_id, int64_t ticket_version,
                      absl::string_view sealed, v1::Ticket& holder) {
  return Open(cipher, sealed, TextContext(ticket_id, ticket_version), holder);
}

}  // namespace hotline::ticketstore
