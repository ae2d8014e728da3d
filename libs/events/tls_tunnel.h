#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace hotline::events {

// A TLS connection to a Redis server, for hiredis 0.14, which speaks no TLS: hiredis gets one end
// of a local socket pair, and a thread of this tunnel carries the bytes between the other end and
// the TLS connection. Either side closing ends the tunnel, so hiredis sees a lost connection as
// it would on a plain socket.
class TlsTunnel {
 public:
  struct Options {
    std::string host;  // verified against the server's certificate (DNS name or IP address)
    int port = 0;
    std::string ca_file;              // PEM CA bundle the server's certificate must chain to
    std::string cert_file, key_file;  // optional client certificate (tls-auth-clients yes)
    absl::Duration timeout = absl::Seconds(5);  // connect and handshake
  };

  // Connects and completes the handshake. UNAVAILABLE when the server cannot be reached or the
  // handshake fails (an unverified certificate included), FAILED_PRECONDITION for unreadable
  // files.
  static absl::StatusOr<std::unique_ptr<TlsTunnel>> Open(const Options& options);
  ~TlsTunnel();
  TlsTunnel(const TlsTunnel&) = delete;
  TlsTunnel& operator=(const TlsTunnel&) = delete;

  // The plain end for hiredis (redisConnectFd); whoever takes it closes it (redisFree does).
  int TakeLocalFd();

 private:
  TlsTunnel() = default;
  void Pump();

  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  int tcp_fd_ = -1;
  int pump_fd_ = -1;   // this tunnel's end of the pair
  int local_fd_ = -1;  // hiredis's end, until taken
  std::thread pump_;
};

}  // namespace hotline::events
