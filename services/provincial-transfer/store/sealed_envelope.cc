#include "services/provincial-transfer/store/sealed_envelope.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace hotline::transfer {

std::string OutboxContext(const std::string& peer, int64_t ticket_id, int64_t sequence) {
  return absl::StrCat("transfer_outbox/", peer, "/", ticket_id, "/", sequence);
}

std::string InboxContext(const std::string& origin_instance,
                         const std::string& origin_ticket_number, int64_t sequence) {
  return absl::StrCat("transfer_inbox/", origin_instance, "/", origin_ticket_number, "/", sequence);
}

SealedEnvelope SealEnvelope(const crypto::FieldCipher& cipher, const v1::PeerEnvelope& envelope,
                            absl::string_view context) {
  SealedEnvelope out;
  out.bytes = cipher.Seal(envelope.SerializeAsString(), context);
  out.key_id = crypto::FieldCipher::KeyIdOf(out.bytes);
  return out;
}

absl::StatusOr<v1::PeerEnvelope> OpenEnvelope(const crypto::FieldCipher& cipher,
                                              absl::string_view bytes, bool sealed,
                                              absl::string_view context) {
  std::string plain(bytes);
  if (sealed) {
    absl::StatusOr<std::string> opened = cipher.Open(bytes, context);
    if (!opened.ok()) {
      return absl::Status(
          opened.status().code(),
          absl::StrCat("envelope of ", context, " does not open: ", opened.status().message()));
    }
    plain = *std::move(opened);
  }
  v1::PeerEnvelope envelope;
  if (!envelope.ParseFromString(plain)) {
    return absl::DataLossError(absl::StrCat("envelope of ", context, " does not parse"));
  }
  return envelope;
}

}  // namespace hotline::transfer
