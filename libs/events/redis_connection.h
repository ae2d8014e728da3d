#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/events/tls_tunnel.h"

struct redisContext;

namespace hotline::events {

// One Redis reply, copied out of hiredis so it owns its data and outlives the context.
struct RedisValue {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };

  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  int64_t integer = 0;
  std::vector<RedisValue> elements;  // kArray

  bool is_nil() const { return type == Type::kNil; }
  bool is_error() const { return type == Type::kError; }
  // OK unless this is an error reply (see ErrorStatus).
  absl::Status status() const;
};

// An error reply's status: retry-later errors (LOADING, BUSY, TRYAGAIN, READONLY, MASTERDOWN,
// CLUSTERDOWN) are UNAVAILABLE, state errors (NOGROUP, BUSYGROUP, WRONGTYPE) FAILED_PRECONDITION,
// anything else INTERNAL. The message is Redis's error text, which carries no stored data.
absl::Status ErrorStatus(const std::string& error_text);

using RedisArgv = std::vector<std::string>;

// A blocking hiredis connection. Not thread-safe: one owner thread. After an I/O or protocol
// failure the context is broken for good (hiredis cannot resynchronise it): every later call
// returns UNAVAILABLE and the owner connects anew.
class RedisConnection {
 public:
  // `url` is redis://[user:password@]host:port[/db] (a user and password: AUTH with that ACL
  // user; a refusal is PERMISSION_DENIED), or rediss://…?cacert=CA.pem[&cert=C.pem&key=K.pem] for
  // TLS, the server's certificate verified against CA.pem and the host (TlsTunnel). `timeout`
  // bounds the connect and every later read/write;
  // callers issuing blocking commands (XREADGROUP BLOCK) must pass a longer one.
  static absl::StatusOr<std::unique_ptr<RedisConnection>> Connect(const std::string& url,
                                                                  absl::Duration timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // One command, binary-safe. An error reply becomes a status (ErrorStatus).
  absl::StatusOr<RedisValue> Command(const RedisArgv& argv);

  // Sends all commands, then reads all replies (one round trip). Error replies stay in the
  // result as kError values, so the caller sees which command failed; only I/O failures make
  // the whole call fail.
  absl::StatusOr<std::vector<RedisValue>> Pipeline(const std::vector<RedisArgv>& commands);

  bool broken() const { return broken_; }

 private:
  RedisConnection(redisContext* ctx, std::unique_ptr<TlsTunnel> tunnel)
      : ctx_(ctx), tunnel_(std::move(tunnel)) {}
  absl::Status IoFailure();
  absl::Status Append(const RedisArgv& argv);
  absl::StatusOr<RedisValue> Read();

  redisContext* ctx_;
  std::unique_ptr<TlsTunnel> tunnel_;  // with rediss://; outlives ctx_ (declared after it)
  bool broken_ = false;
};

}  // namespace hotline::events
