#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace hotline::crypto {

// One data key: 32 random bytes for AES-256-GCM, known by a short id that sealed values carry.
struct DataKey {
  std::string id;
  std::string bytes;
};

// The keys that protect personal data at rest, kept outside the database (a file mounted from a
// secret). Text, one entry a line ('#' starts a comment):
//
//   data <id> <base64 of 32 bytes>    a data key; old ones stay listed until nothing uses them
//   active <id>                       the key new values are sealed with
//   index <base64 of 32 bytes>        the key of blind indexes (keyed hashes), never rotated
//
// Ids are 1–16 characters of [A-Za-z0-9_-].
class Keyring {
 public:
  // Parses `text`; INVALID_ARGUMENT naming the line for anything malformed, a duplicate id, an
  // active id that is not listed, or a missing active or index entry.
  static absl::StatusOr<Keyring> Parse(absl::string_view text);
  // Reads and parses the file at `path`. A file any user may read is refused
  // (FAILED_PRECONDITION): these keys open every caller's phone number.
  static absl::StatusOr<Keyring> Load(const std::string& path);

  const DataKey& active() const { return keys_[active_]; }
  // The key with `id`, or nullptr.
  const DataKey* Find(absl::string_view id) const;
  const std::string& index_key() const { return index_key_; }

 private:
  std::vector<DataKey> keys_;
  size_t active_ = 0;
  std::string index_key_;
};

// A new keyring file's text with one fresh data key `id` (active) and a fresh index key, from the
// system's CSPRNG: for `hotline-admin keys new` and the local launcher.
std::string NewKeyringText(const std::string& id);
// A fresh data key line ("data <id> <base64>") to append for a rotation.
std::string NewDataKeyLine(const std::string& id);

}  // namespace hotline::crypto
