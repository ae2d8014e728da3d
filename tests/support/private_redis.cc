#include "tests/support/private_redis.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "tests/support/test_env.h"

namespace hotline::testing {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

namespace {

bool Pings(int port) {
  const std::string cmd = absl::StrCat("redis-cli -h 127.0.0.1 -p ", port, " ping >/dev/null 2>&1");
  return std::system(cmd.c_str()) == 0;
}

}  // namespace

PrivateRedis::PrivateRedis() {
  char tmpl[] = "/tmp/hotline-redis-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  dir_ = tmpl;
  port_ = FreePort();
  Start();
}

PrivateRedis::~PrivateRedis() {
  if (server_ != nullptr) server_->Stop(SIGKILL);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string PrivateRedis::url() const { return absl::StrCat("redis://127.0.0.1:", port_); }

void PrivateRedis::Start() {
  server_ =
      StartChild({"/usr/bin/redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                  "--dir", dir_, "--appendonly", "yes", "--save", "", "--daemonize", "no"},
                 {}, dir_ + "/redis.log");
  REQUIRE(PollUntil(absl::Seconds(10), [&] { return Pings(port_); }));
}

void PrivateRedis::Stop() {
  const std::string cmd =
      absl::StrCat("redis-cli -h 127.0.0.1 -p ", port_, " shutdown >/dev/null 2>&1");
  (void)std::system(cmd.c_str());
  REQUIRE(PollUntil(absl::Seconds(10), [&] { return !server_->Running(); }));
  server_.reset();
}

}  // namespace hotline::testing
