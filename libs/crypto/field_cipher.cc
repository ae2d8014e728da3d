#include "libs/crypto/field_cipher.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace hotline::crypto {
namespace {

constexpr unsigned char kVersion = 1;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr size_t kIndexBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext NewContext() {
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (ctx == nullptr) throw std::runtime_error("OpenSSL could not make a cipher context");
  return ctx;
}

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The parts of a sealed value, viewing into it.
struct Parts {
  absl::string_view key_id, nonce, ciphertext, tag;
};

bool Split(absl::string_view sealed, Parts& parts) {
  if (sealed.size() < 2 || static_cast<unsigned char>(sealed[0]) != kVersion) return false;
  const size_t id_length = static_cast<unsigned char>(sealed[1]);
  if (sealed.size() < 2 + id_length + kNonceBytes + kTagBytes) return false;
  parts.key_id = sealed.substr(2, id_length);
  parts.nonce = sealed.substr(2 + id_length, kNonceBytes);
  const size_t body = 2 + id_length + kNonceBytes;
  parts.ciphertext = sealed.substr(body, sealed.size() - body - kTagBytes);
  parts.tag = sealed.substr(sealed.size() - kTagBytes);
  return true;
}

}  // namespace

FieldCipher::FieldCipher(Keyring keyring)
    : keyring_(std::make_shared<const Keyring>(std::move(keyring))) {}

absl::StatusOr<std::unique_ptr<FieldCipher>> FieldCipher::FromFile(const std::string& path) {
  absl::StatusOr<Keyring> keyring = Keyring::Load(path);
  if (!keyring.ok()) return keyring.status();
  auto cipher = std::make_unique<FieldCipher>(*std::move(keyring));
  cipher->path_ = path;
  return cipher;
}

std::shared_ptr<const Keyring> FieldCipher::Current() const {
  absl::MutexLock lock(&mu_);
  return keyring_;
}

std::string FieldCipher::active_key_id() const { return Current()->active().id; }

absl::Status FieldCipher::Reload() {
  if (path_.empty()) return absl::FailedPreconditionError("the keyring was not read from a file");
  absl::StatusOr<Keyring> keyring = Keyring::Load(path_);
  if (!keyring.ok()) return keyring.status();
  auto fresh = std::make_shared<const Keyring>(*std::move(keyring));
  absl::MutexLock lock(&mu_);
  keyring_ = std::move(fresh);
  return absl::OkStatus();
}

std::string FieldCipher::Seal(absl::string_view plaintext, absl::string_view context) const {
  const std::shared_ptr<const Keyring> keyring = Current();
  const DataKey& key = keyring->active();
  std::string sealed;
  sealed.reserve(2 + key.id.size() + kNonceBytes + plaintext.size() + kTagBytes);
  sealed.push_back(static_cast<char>(kVersion));
  sealed.push_back(static_cast<char>(key.id.size()));
  sealed.append(key.id);
  const size_t nonce_at = sealed.size();
  sealed.resize(nonce_at + kNonceBytes + plaintext.size() + kTagBytes);
  auto* out = reinterpret_cast<unsigned char*>(sealed.data());
  if (RAND_bytes(out + nonce_at, kNonceBytes) != 1) {
    throw std::runtime_error("the system's random generator failed");
  }
  CipherContext ctx = NewContext();
  int written = 0, final_written = 0;
  const bool ok =
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key.bytes), out + nonce_at) ==
          1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &written, Bytes(context),
                        static_cast<int>(context.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), out + nonce_at + kNonceBytes, &written, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), out + nonce_at + kNonceBytes + written, &final_written) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                          out + nonce_at + kNonceBytes + plaintext.size()) == 1;
  if (!ok) throw std::runtime_error("OpenSSL could not seal a value");
  return sealed;
}

absl::StatusOr<std::string> FieldCipher::Open(absl::string_view sealed,
                                              absl::string_view context) const {
  Parts parts;
  if (!Split(sealed, parts)) return absl::DataLossError("a sealed value is malformed");
  const std::shared_ptr<const Keyring> keyring = Current();
  const DataKey* key = keyring->Find(parts.key_id);
  if (key == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("a value was sealed with key ", parts.key_id, ", which the keyring lacks"));
  }
  std::string plaintext(parts.ciphertext.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  CipherContext ctx = NewContext();
  int written = 0, final_written = 0;
  std::string tag(parts.tag);  // OpenSSL takes the expected tag as writable memory
  const bool ok =
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key->bytes),
                         Bytes(parts.nonce)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &written, Bytes(context),
                        static_cast<int>(context.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), out, &written, Bytes(parts.ciphertext),
                        static_cast<int>(parts.ciphertext.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), out + written, &final_written) == 1;
  if (!ok) return absl::DataLossError("a sealed value does not open: altered or misplaced");
  return plaintext;
}

std::string FieldCipher::KeyIdOf(absl::string_view sealed) {
  Parts parts;
  return Split(sealed, parts) ? std::string(parts.key_id) : std::string();
}

std::string FieldCipher::BlindIndex(absl::string_view value) const {
  const std::shared_ptr<const Keyring> keyring = Current();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), keyring->index_key().data(), static_cast<int>(keyring->index_key().size()),
           Bytes(value), value.size(), digest, &length) == nullptr) {
    throw std::runtime_error("OpenSSL could not compute a blind index");
  }
  return std::string(reinterpret_cast<const char*>(digest), kIndexBytes);
}

const FieldCipher& EphemeralCipher() {
  static const FieldCipher* const cipher = [] {
    absl::StatusOr<Keyring> keyring = Keyring::Parse(NewKeyringText("ephemeral"));
    if (!keyring.ok()) throw std::logic_error("a new keyring does not parse");
    return new FieldCipher(*std::move(keyring));
  }();
  return *cipher;
}

}  // namespace hotline::crypto
