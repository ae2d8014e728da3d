#include "libs/crypto/keyring.h"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace hotline::crypto {
namespace {

constexpr size_t kKeyBytes = 32;

bool IsKeyId(absl::string_view id) {
  if (id.empty() || id.size() > 16) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

absl::StatusOr<std::string> DecodeKey(absl::string_view text, int line) {
  std::string bytes;
  if (!absl::Base64Unescape(text, &bytes) || bytes.size() != kKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("keyring line ", line, ": a key must be 32 bytes in base64"));
  }
  return bytes;
}

std::string RandomBytes(size_t n) {
  std::string bytes(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("the system's random generator failed");
  }
  return bytes;
}

}  // namespace

absl::StatusOr<Keyring> Keyring::Parse(absl::string_view text) {
  Keyring ring;
  std::string active;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<absl::string_view> words = absl::StrSplit(line, ' ', absl::SkipWhitespace());
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("keyring line ", number, ": ", why));
    };
    if (words[0] == "data" && words.size() == 3) {
      if (!IsKeyId(words[1])) return bad("a key id is 1-16 of A-Z a-z 0-9 _ -");
      if (ring.Find(words[1]) != nullptr) return bad("the key id is listed twice");
      auto bytes = DecodeKey(words[2], number);
      if (!bytes.ok()) return bytes.status();
      ring.keys_.push_back({std::string(words[1]), *std::move(bytes)});
    } else if (words[0] == "active" && words.size() == 2) {
      if (!active.empty()) return bad("only one active key");
      active = std::string(words[1]);
    } else if (words[0] == "index" && words.size() == 2) {
      if (!ring.index_key_.empty()) return bad("only one index key");
      auto bytes = DecodeKey(words[1], number);
      if (!bytes.ok()) return bytes.status();
      ring.index_key_ = *std::move(bytes);
    } else {
      return bad("expected 'data <id> <key>', 'active <id>' or 'index <key>'");
    }
  }
  if (active.empty()) return absl::InvalidArgumentError("keyring: no active key");
  if (ring.index_key_.empty()) return absl::InvalidArgumentError("keyring: no index key");
  const DataKey* key = ring.Find(active);
  if (key == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("keyring: the active key ", active, " is not listed"));
  }
  ring.active_ = static_cast<size_t>(key - ring.keys_.data());
  return ring;
}

absl::StatusOr<Keyring> Keyring::Load(const std::string& path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    return absl::NotFoundError(absl::StrCat("keyring file ", path, " cannot be read"));
  }
  // Group access is allowed: Kubernetes mounts a Secret as root:fsGroup, readable by the pod's
  // group (defaultMode 0440).
  if ((info.st_mode & S_IRWXO) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("keyring file ", path, " may be read by any user: make it mode 0600 or 0440"));
  }
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("keyring file ", path, " cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str());
}

const DataKey* Keyring::Find(absl::string_view id) const {
  for (const DataKey& key : keys_) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

std::string NewDataKeyLine(const std::string& id) {
  return absl::StrCat("data ", id, " ", absl::Base64Escape(RandomBytes(kKeyBytes)));
}

std::string NewKeyringText(const std::string& id) {
  return absl::StrCat("# Keys of personal data at rest. Keep this file secret (mode 0600).\n",
                      NewDataKeyLine(id), "\nactive ", id, "\nindex ",
                      absl::Base64Escape(RandomBytes(kKeyBytes)), "\n");
}

}  // namespace hotline::crypto
