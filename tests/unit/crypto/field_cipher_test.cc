#include "libs/crypto/field_cipher.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

namespace hotline::crypto {
namespace {

FieldCipher NewCipher(const std::string& text) {
  auto ring = Keyring::Parse(text);
  REQUIRE(ring.ok());
  return FieldCipher(*std::move(ring));
}

TEST_CASE("a sealed value opens in its own context only, and hides its plaintext",
          "[field_cipher]") {
  FieldCipher cipher = NewCipher(NewKeyringText("k1"));
  const std::string phone = "13812345678";
  const std::string sealed = cipher.Seal(phone, "tickets/42");
  CHECK(sealed.find(phone) == std::string::npos);
  CHECK(FieldCipher::KeyIdOf(sealed) == "k1");
  auto opened = cipher.Open(sealed, "tickets/42");
  REQUIRE(opened.ok());
  CHECK(*opened == phone);
  // Moved to another row, it does not open.
  CHECK(cipher.Open(sealed, "tickets/43").status().code() == absl::StatusCode::kDataLoss);
  // Two seals of one value differ (random nonces), and both open.
  const std::string again = cipher.Seal(phone, "tickets/42");
  CHECK(again != sealed);
  CHECK(cipher.Open(again, "tickets/42").ok());
  // The empty value seals too.
  auto empty = cipher.Open(cipher.Seal("", "x"), "x");
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("an altered or truncated sealed value does not open", "[field_cipher]") {
  FieldCipher cipher = NewCipher(NewKeyringText("k1"));
  const std::string sealed = cipher.Seal("张三 住在 昆明市五华区", "tickets/7");
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    INFO("byte " << i);
    CHECK_FALSE(cipher.Open(altered, "tickets/7").ok());
  }
  CHECK(cipher.Open(sealed.substr(0, sealed.size() - 1), "tickets/7").status().code() ==
        absl::StatusCode::kDataLoss);
  CHECK(cipher.Open("", "tickets/7").status().code() == absl::StatusCode::kDataLoss);
}

TEST_CASE(
    "after a rotation old values still open, new ones use the new key, and a value of a "
    "key no longer listed says so",
    "[field_cipher]") {
  const std::string old_ring = NewKeyringText("k1");
  FieldCipher before = NewCipher(old_ring);
  const std::string old_value = before.Seal("13812345678", "tickets/1");

  std::string rotated = old_ring + NewDataKeyLine("k2") + "\n";
  rotated.replace(rotated.find("active k1"), 9, "active k2");
  FieldCipher after = NewCipher(rotated);
  CHECK(after.active_key_id() == "k2");
  CHECK(after.Open(old_value, "tickets/1").ok());
  const std::string new_value = after.Seal("13812345678", "tickets/1");
  CHECK(FieldCipher::KeyIdOf(new_value) == "k2");
  // The blind index does not change with the data key.
  CHECK(after.BlindIndex("13812345678") == before.BlindIndex("13812345678"));

  FieldCipher stranger = NewCipher(NewKeyringText("k1"));
  CHECK(stranger.Open(new_value, "tickets/1").status().code() ==
        absl::StatusCode::kFailedPrecondition);
  // Same id, other bytes: the tag does not match.
  CHECK(stranger.Open(old_value, "tickets/1").status().code() == absl::StatusCode::kDataLoss);
}

TEST_CASE("a blind index is stable for a value, differs between values and between keyrings",
          "[field_cipher]") {
  FieldCipher cipher = NewCipher(NewKeyringText("k1"));
  CHECK(cipher.BlindIndex("13812345678").size() == 16);
  CHECK(cipher.BlindIndex("13812345678") == cipher.BlindIndex("13812345678"));
  CHECK(cipher.BlindIndex("13812345678") != cipher.BlindIndex("13812345679"));
  FieldCipher other = NewCipher(NewKeyringText("k1"));
  CHECK(other.BlindIndex("13812345678") != cipher.BlindIndex("13812345678"));
}

TEST_CASE("a cipher reloads its keyring file and keeps its keys when the file is bad",
          "[field_cipher]") {
  char path[] = "/tmp/hotline-cipher-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  const std::string ring = NewKeyringText("k1");
  { std::ofstream(path) << ring; }
  REQUIRE(chmod(path, 0600) == 0);
  auto cipher = FieldCipher::FromFile(path);
  REQUIRE(cipher.ok());
  const std::string sealed = (*cipher)->Seal("x", "c");

  std::string rotated = ring + NewDataKeyLine("k2") + "\n";
  rotated.replace(rotated.find("active k1"), 9, "active k2");
  { std::ofstream(path, std::ios::trunc) << rotated; }
  REQUIRE((*cipher)->Reload().ok());
  CHECK((*cipher)->active_key_id() == "k2");
  CHECK((*cipher)->Open(sealed, "c").ok());

  { std::ofstream(path, std::ios::trunc) << "nonsense\n"; }
  CHECK_FALSE((*cipher)->Reload().ok());
  CHECK((*cipher)->active_key_id() == "k2");
  std::remove(path);
}

}  // namespace
}  // namespace hotline::crypto
