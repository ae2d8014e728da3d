#include "libs/crypto/keyring.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

namespace hotline::crypto {
namespace {

constexpr char kKeyA[] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";  // bytes 0..31
constexpr char kKeyB[] = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";  // bytes 32..63

std::string Ring(const std::string& body) { return body; }

TEST_CASE("a keyring lists data keys, the active one and the index key", "[keyring]") {
  auto ring = Keyring::Parse(Ring(std::string("# keys\ndata k1 ") + kKeyA + "\ndata k2 " + kKeyB +
                                  "\nactive k2\nindex " + kKeyA + "\n"));
  REQUIRE(ring.ok());
  CHECK(ring->active().id == "k2");
  CHECK(ring->active().bytes.size() == 32);
  REQUIRE(ring->Find("k1") != nullptr);
  CHECK(static_cast<unsigned char>(ring->Find("k1")->bytes[31]) == 31);
  CHECK(ring->Find("k3") == nullptr);
  CHECK(ring->index_key().size() == 32);
}

TEST_CASE("a malformed keyring is refused with the line that is wrong", "[keyring]") {
  const std::string index = std::string("index ") + kKeyA + "\n";
  auto check = [](const std::string& text, const std::string& why) {
    auto ring = Keyring::Parse(text);
    INFO(text);
    REQUIRE(ring.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(ring.status().message()), Catch::Contains(why));
  };
  check(std::string("data k1 ") + kKeyA + "\n" + index, "no active key");
  check(std::string("data k1 ") + kKeyA + "\nactive k1\n", "no index key");
  check(std::string("data k1 ") + kKeyA + "\nactive k9\n" + index, "k9 is not listed");
  check(std::string("data k1 c2hvcnQ=\nactive k1\n") + index, "line 1: a key must be 32 bytes");
  check(std::string("data k1 ") + kKeyA + "\ndata k1 " + kKeyB + "\nactive k1\n" + index,
        "line 2: the key id is listed twice");
  check(std::string("data bad/id ") + kKeyA + "\nactive k1\n" + index, "line 1: a key id");
  check(std::string("data k1 ") + kKeyA + "\nactive k1\n" + index + "rotate now\n",
        "line 4: expected");
}

TEST_CASE("a new keyring parses, and its keys are fresh each time", "[keyring]") {
  auto first = Keyring::Parse(NewKeyringText("k1"));
  auto second = Keyring::Parse(NewKeyringText("k1"));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->active().id == "k1");
  CHECK(first->active().bytes != second->active().bytes);
  CHECK(first->index_key() != first->active().bytes);
  auto rotated = Keyring::Parse(NewKeyringText("k1") + NewDataKeyLine("k2") + "\n");
  CHECK(rotated.ok());
}

TEST_CASE("a keyring file any user may read is refused", "[keyring]") {
  char path[] = "/tmp/hotline-keyring-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  { std::ofstream(path) << NewKeyringText("k1"); }
  REQUIRE(chmod(path, 0644) == 0);
  CHECK(Keyring::Load(path).status().code() == absl::StatusCode::kFailedPrecondition);
  REQUIRE(chmod(path, 0440) == 0);  // a Kubernetes Secret read through fsGroup
  CHECK(Keyring::Load(path).ok());
  REQUIRE(chmod(path, 0600) == 0);
  CHECK(Keyring::Load(path).ok());
  std::remove(path);
  CHECK(Keyring::Load(path).status().code() == absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace hotline::crypto
