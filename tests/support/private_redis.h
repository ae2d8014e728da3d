#pragma once

#include <memory>
#include <string>

#include "tests/support/child_process.h"

namespace hotline::testing {

// A Redis server of the test's own (for tests that stop and restart it), on a free loopback
// port, persisting to an append-only file in a temporary folder so a restart keeps the streams.
class PrivateRedis {
 public:
  PrivateRedis();
  ~PrivateRedis();

  std::string url() const;
  int port() const { return port_; }
  // SHUTDOWN (the append-only file is flushed) and wait for the process to end.
  void Stop();
  // Start again on the same port and data.
  void Start();

 private:
  std::string dir_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> server_;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int FreePort();

}  // namespace hotline::testing
