#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/crypto/field_cipher.h"

namespace hotline::transfer {

// Envelopes at rest (migration 0028): serialized, then sealed bound to their row, because one that
// carries a ticket holds the caller's contact.
struct SealedEnvelope {
  std::string bytes;
  std::string key_id;
};

// The row keys the envelopes are bound to: a sealed envelope copied to another row does not open.
std::string OutboxContext(const std::string& peer, int64_t ticket_id, int64_t sequence);
std::string InboxContext(const std::string& origin_instance,
                         const std::string& origin_ticket_number, int64_t sequence);

SealedEnvelope SealEnvelope(const crypto::FieldCipher& cipher, const v1::PeerEnvelope& envelope,
                            absl::string_view context);
// `sealed` false: a row written before migration 0028, its envelope in clear. DATA_LOSS when the
// bytes do not open or parse, FAILED_PRECONDITION when their key is not in the keyring; the
// message names the row, never the envelope's content.
absl::StatusOr<v1::PeerEnvelope> OpenEnvelope(const crypto::FieldCipher& cipher,
                                              absl::string_view bytes, bool sealed,
                                              absl::string_view context);

}  // namespace hotline::transfer
