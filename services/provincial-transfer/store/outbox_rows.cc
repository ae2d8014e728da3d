#include "services/provincial-transfer/store/outbox_rows.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "services/provincial-transfer/store/sealed_envelope.h"

namespace hotline::transfer {

std::string BytesOf(const pqxx::field& field) {
  std::string text(field.c_str(), field.size());
  text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
  std::string bytes;
  if (!absl::Base64Unescape(text, &bytes)) bytes.clear();
  return bytes;
}

OutboxMessage ReadOutboxRow(const pqxx::row& r, const std::string& peer,
                            const crypto::FieldCipher& cipher) {
  OutboxMessage m{r[0].as<int64_t>(), peer, r[1].as<int64_t>(),
                  r[2].as<int64_t>(), {},   r[4].as<int>()};
  absl::StatusOr<v1::PeerEnvelope> envelope = OpenEnvelope(
      cipher, BytesOf(r[3]), r[5].as<bool>(), OutboxContext(peer, m.ticket_id, m.sequence));
  if (envelope.ok()) {
    m.envelope = *std::move(envelope);
  } else {
    m.readable = envelope.status();
  }
  return m;
}

}  // namespace hotline::transfer
