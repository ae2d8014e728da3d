#include "libs/events/tls_tunnel.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace hotline::events {
namespace {

std::string SslError() {
  const unsigned long code = ERR_get_error();
  if (code == 0) return std::strerror(errno);
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  ERR_clear_error();
  return text;
}

// A blocking TCP socket connected to host:port within `timeout`.
absl::StatusOr<int> ConnectTcp(const std::string& host, int port, absl::Duration timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot resolve the Redis host ", host));
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, freeaddrinfo);
  std::string last = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const timeval tv = absl::ToTimeval(timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));  // bounds connect() too
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));  // and the handshake's reads
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) return fd;
    last = std::strerror(errno);
    close(fd);
  }
  return absl::UnavailableError(
      absl::StrCat("Redis connect to ", host, ":", port, " failed: ", last));
}

// The server's certificate must name `host`: as an IP address when it is one, else a DNS name.
void ExpectName(SSL* ssl, const std::string& host) {
  in6_addr ip{};
  const bool is_ip =
      inet_pton(AF_INET, host.c_str(), &ip) == 1 || inet_pton(AF_INET6, host.c_str(), &ip) == 1;
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, host.c_str());
    SSL_set1_host(ssl, host.c_str());
  }
}

// Writes all of `data` to a plain socket; false when the other side is gone.
bool SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Writes all of `data` over TLS on the non-blocking `fd`, waiting whenever TLS must first send
// or receive; false when the connection is gone.
bool SslWriteAll(SSL* ssl, int fd, const char* data, int size) {
  while (size > 0) {
    const int n = SSL_write(ssl, data, size);
    if (n > 0) {
      data += n;
      size -= n;
      continue;
    }
    const int error = SSL_get_error(ssl, n);
    const short wait = error == SSL_ERROR_WANT_READ    ? POLLIN
                       : error == SSL_ERROR_WANT_WRITE ? POLLOUT
                                                       : 0;
    if (wait == 0) return false;
    pollfd p{fd, wait, 0};
    if (poll(&p, 1, -1) < 0 && errno != EINTR) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TlsTunnel>> TlsTunnel::Open(const Options& options) {
  std::unique_ptr<TlsTunnel> tunnel(new TlsTunnel());
  tunnel->ctx_ = SSL_CTX_new(TLS_client_method());
  if (tunnel->ctx_ == nullptr) return absl::InternalError("cannot make a TLS context");
  SSL_CTX_set_min_proto_version(tunnel->ctx_, TLS1_2_VERSION);
  SSL_CTX_set_verify(tunnel->ctx_, SSL_VERIFY_PEER, nullptr);
  if (SSL_CTX_load_verify_locations(tunnel->ctx_, options.ca_file.c_str(), nullptr) != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the Redis CA file '", options.ca_file, "': ", SslError()));
  }
  if (!options.cert_file.empty() &&
      (SSL_CTX_use_certificate_chain_file(tunnel->ctx_, options.cert_file.c_str()) != 1 ||
       SSL_CTX_use_PrivateKey_file(tunnel->ctx_, options.key_file.c_str(), SSL_FILETYPE_PEM) !=
           1)) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the Redis client certificate: ", SslError()));
  }
  absl::StatusOr<int> tcp = ConnectTcp(options.host, options.port, options.timeout);
  if (!tcp.ok()) return tcp.status();
  tunnel->tcp_fd_ = *tcp;
  tunnel->ssl_ = SSL_new(tunnel->ctx_);
  SSL_set_fd(tunnel->ssl_, tunnel->tcp_fd_);
  ExpectName(tunnel->ssl_, options.host);
  // SIGPIPE from a peer that vanished mid-handshake must not end the process.
  sigset_t pipe_signal, old;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &old);
  const int handshake = SSL_connect(tunnel->ssl_);
  const std::string handshake_error = handshake == 1 ? "" : SslError();
  timespec none{};
  while (sigtimedwait(&pipe_signal, nullptr, &none) == SIGPIPE) {
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (handshake != 1) {
    return absl::UnavailableError(absl::StrCat("TLS handshake with Redis at ", options.host, ":",
                                               options.port, " failed: ", handshake_error));
  }
  // From here the pump waits in poll() only: the socket is non-blocking, so TLS records that
  // carry no data (TLS 1.3 session tickets) never hold up what hiredis sends. A stalled server
  // is ended by the owner's shutdown, a vanished one by keep-alive.
  const int on = 1;
  setsockopt(tunnel->tcp_fd_, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
  fcntl(tunnel->tcp_fd_, F_SETFL, fcntl(tunnel->tcp_fd_, F_GETFL) | O_NONBLOCK);
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    return absl::ResourceExhaustedError(absl::StrCat("socketpair: ", std::strerror(errno)));
  }
  tunnel->local_fd_ = pair[0];
  tunnel->pump_fd_ = pair[1];
  tunnel->pump_ = std::thread([t = tunnel.get()] { t->Pump(); });
  return tunnel;
}

int TlsTunnel::TakeLocalFd() {
  const int fd = local_fd_;
  local_fd_ = -1;
  return fd;
}

void TlsTunnel::Pump() {
  // A write to a closed socket fails with EPIPE here instead of signalling the process.
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
  char buffer[16 * 1024];
  while (true) {
    bool from_server = SSL_pending(ssl_) > 0;
    bool from_client = false;
    if (!from_server) {
      pollfd fds[2] = {{pump_fd_, POLLIN, 0}, {tcp_fd_, POLLIN, 0}};
      if (poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      from_client = fds[0].revents != 0;
      from_server = fds[1].revents != 0;
    }
    if (from_client) {
      const ssize_t n = recv(pump_fd_, buffer, sizeof(buffer), 0);
      if (n <= 0 && !(n < 0 && errno == EINTR)) break;  // hiredis closed its end
      if (n > 0 && !SslWriteAll(ssl_, tcp_fd_, buffer, static_cast<int>(n))) break;
    }
    if (from_server) {
      const int n = SSL_read(ssl_, buffer, sizeof(buffer));
      if (n <= 0) {
        const int error = SSL_get_error(ssl_, n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) continue;
        break;  // closed or broken: hiredis reads EOF next
      }
      if (!SendAll(pump_fd_, buffer, static_cast<size_t>(n))) break;
    }
  }
  shutdown(pump_fd_, SHUT_RDWR);
  ERR_clear_error();
}

TlsTunnel::~TlsTunnel() {
  if (tcp_fd_ >= 0) shutdown(tcp_fd_, SHUT_RDWR);  // wakes the pump wherever it waits
  if (pump_fd_ >= 0) shutdown(pump_fd_, SHUT_RDWR);
  if (pump_.joinable()) pump_.join();
  if (ssl_ != nullptr) SSL_free(ssl_);
  if (ctx_ != nullptr) SSL_CTX_free(ctx_);
  for (int fd : {tcp_fd_, pump_fd_, local_fd_}) {
    if (fd >= 0) close(fd);
  }
}

}  // namespace hotline::events
