#pragma once

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "libs/crypto/keyring.h"

namespace hotline::crypto {

// Authenticated encryption of personal data at rest (AES-256-GCM, OpenSSL), done by the
// application so that the database, its backups and its logs hold only ciphertext.
//
// A sealed value is: version byte 1, the key id's length and the key id, a 12-byte random nonce,
// the ciphertext and the 16-byte tag. `context` (e.g. "tickets/42") is bound to the value as
// associated data, so a value copied to another row does not open. Thread-safe.
class FieldCipher {
 public:
  explicit FieldCipher(Keyring keyring);
  // Loads the keyring file at `path` (Keyring::Load) and remembers the path for Reload.
  static absl::StatusOr<std::unique_ptr<FieldCipher>> FromFile(const std::string& path);

  std::string Seal(absl::string_view plaintext, absl::string_view context) const;
  // The plaintext; DATA_LOSS when the value is malformed, was sealed for another context or was
  // altered; FAILED_PRECONDITION when its key is not in the keyring.
  absl::StatusOr<std::string> Open(absl::string_view sealed, absl::string_view context) const;
  // The id of the key a sealed value was made with ("" when malformed).
  static std::string KeyIdOf(absl::string_view sealed);

  // A keyed hash of `value` (HMAC-SHA256 under the index key, 16 bytes) for equality look-ups,
  // e.g. of a caller's phone, without storing the value.
  std::string BlindIndex(absl::string_view value) const;

  std::string active_key_id() const;
  // Reads the keyring file again (FromFile only): after an operator added a key and made it
  // active. On an error the keys in use stay.
  absl::Status Reload();

 private:
  std::shared_ptr<const Keyring> Current() const;

  std::string path_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const Keyring> keyring_ ABSL_GUARDED_BY(mu_);
};

// A cipher with fresh keys that live as long as the process, for tests and tools whose data dies
// with them.
const FieldCipher& EphemeralCipher();

}  // namespace hotline::crypto
