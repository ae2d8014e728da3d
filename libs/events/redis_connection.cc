#include "libs/events/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace hotline::events {
namespace {

struct Endpoint {
  std::string host;
  int port = 6379;
  int db = 0;
  std::string user;      // ACL user; empty = Redis's "default"
  std::string password;  // empty = no AUTH
  bool tls = false;      // rediss://
  std::string ca_file, cert_file, key_file;
};

// The query of a rediss:// URL: cacert= (required), cert= and key= (a client certificate).
absl::Status ParseTlsQuery(absl::string_view query, Endpoint& endpoint) {
  for (absl::string_view pair : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    const size_t eq = pair.find('=');
    const absl::string_view name = pair.substr(0, eq);
    const std::string value = eq == absl::string_view::npos ? "" : std::string(pair.substr(eq + 1));
    if (name == "cacert") {
      endpoint.ca_file = value;
    } else if (name == "cert") {
      endpoint.cert_file = value;
    } else if (name == "key") {
      endpoint.key_file = value;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("Redis URL has an unknown parameter '", name, "' (cacert, cert, key)"));
    }
  }
  if (endpoint.ca_file.empty()) {
    return absl::InvalidArgumentError("a rediss:// URL needs ?cacert=<CA file>");
  }
  if (endpoint.cert_file.empty() != endpoint.key_file.empty()) {
    return absl::InvalidArgumentError("a Redis URL's cert= and key= go together");
  }
  return absl::OkStatus();
}

absl::StatusOr<Endpoint> ParseUrl(absl::string_view url) {
  Endpoint endpoint;
  endpoint.tls = absl::ConsumePrefix(&url, "rediss://");
  if (!endpoint.tls && !absl::ConsumePrefix(&url, "redis://")) {
    return absl::InvalidArgumentError("Redis URL must start with redis:// or rediss://");
  }
  if (const size_t question = url.find('?'); question != absl::string_view::npos) {
    if (!endpoint.tls) {
      return absl::InvalidArgumentError("only a rediss:// URL takes parameters");
    }
    if (absl::Status query = ParseTlsQuery(url.substr(question + 1), endpoint); !query.ok()) {
      return query;
    }
    url = url.substr(0, question);
  } else if (endpoint.tls) {
    return absl::InvalidArgumentError("a rediss:// URL needs ?cacert=<CA file>");
  }
  // redis://[user[:password]@]host…: the password may hold ':' but not '@'.
  if (const size_t at = url.rfind('@'); at != absl::string_view::npos) {
    absl::string_view credentials = url.substr(0, at);
    url = url.substr(at + 1);
    const size_t colon = credentials.find(':');
    endpoint.user = std::string(credentials.substr(0, colon));
    if (colon != absl::string_view::npos) {
      endpoint.password = std::string(credentials.substr(colon + 1));
    }
    if (endpoint.password.empty()) {
      return absl::InvalidArgumentError("Redis URL names a user without a password");
    }
  }
  if (const size_t slash = url.find('/'); slash != absl::string_view::npos) {
    if (!absl::SimpleAtoi(url.substr(slash + 1), &endpoint.db) || endpoint.db < 0) {
      return absl::InvalidArgumentError("Redis URL has a bad database number");
    }
    url = url.substr(0, slash);
  }
  if (const size_t colon = url.rfind(':'); colon != absl::string_view::npos) {
    if (!absl::SimpleAtoi(url.substr(colon + 1), &endpoint.port)) {
      return absl::InvalidArgumentError("Redis URL has a bad port");
    }
    url = url.substr(0, colon);
  }
  if (url.empty()) return absl::InvalidArgumentError("Redis URL has no host");
  endpoint.host = std::string(url);
  return endpoint;
}

RedisValue Copy(const redisReply& reply) {
  RedisValue value;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      value.type = RedisValue::Type::kString;
      value.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_STATUS:
      value.type = RedisValue::Type::kStatus;
      value.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ERROR:
      value.type = RedisValue::Type::kError;
      value.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      value.type = RedisValue::Type::kInteger;
      value.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      value.type = RedisValue::Type::kArray;
      value.elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) value.elements.push_back(Copy(*reply.element[i]));
      break;
    default:
      value.type = RedisValue::Type::kNil;
  }
  return value;
}

}  // namespace

absl::Status ErrorStatus(const std::string& error_text) {
  for (const char* prefix :
       {"LOADING", "BUSY ", "TRYAGAIN", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "OOM"}) {
    if (absl::StartsWith(error_text, prefix)) return absl::UnavailableError(error_text);
  }
  for (const char* prefix : {"NOGROUP", "BUSYGROUP", "WRONGTYPE"}) {
    if (absl::StartsWith(error_text, prefix)) return absl::FailedPreconditionError(error_text);
  }
  return absl::InternalError(absl::StrCat("Redis: ", error_text));
}

absl::Status RedisValue::status() const {
  return type == Type::kError ? ErrorStatus(str) : absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Connect(const std::string& url,
                                                                          absl::Duration timeout) {
  absl::StatusOr<Endpoint> endpoint = ParseUrl(url);
  if (!endpoint.ok()) return endpoint.status();
  std::unique_ptr<TlsTunnel> tunnel;
  redisContext* ctx = nullptr;
  if (endpoint->tls) {
    absl::StatusOr<std::unique_ptr<TlsTunnel>> opened =
        TlsTunnel::Open({endpoint->host, endpoint->port, endpoint->ca_file, endpoint->cert_file,
                         endpoint->key_file, timeout});
    if (!opened.ok()) return opened.status();
    tunnel = *std::move(opened);
    ctx = redisConnectFd(tunnel->TakeLocalFd());
  } else {
    ctx = redisConnectWithTimeout(endpoint->host.c_str(), endpoint->port, absl::ToTimeval(timeout));
  }
  if (ctx == nullptr) return absl::ResourceExhaustedError("cannot allocate a Redis context");
  std::unique_ptr<RedisConnection> conn(new RedisConnection(ctx, std::move(tunnel)));
  if (ctx->err != 0) {
    return absl::UnavailableError(absl::StrCat("Redis connect to ", endpoint->host, ":",
                                               endpoint->port, " failed: ", ctx->errstr));
  }
  // Keep-alive is the TCP socket's: the tunnel's own, or hiredis's.
  if (redisSetTimeout(ctx, absl::ToTimeval(timeout)) != REDIS_OK ||
      (!endpoint->tls && redisEnableKeepAlive(ctx) != REDIS_OK)) {
    return conn->IoFailure();
  }
  if (!endpoint->password.empty()) {
    RedisArgv auth = {"AUTH", endpoint->password};
    if (!endpoint->user.empty()) auth = {"AUTH", endpoint->user, endpoint->password};
    // A refusal (WRONGPASS) is no outage: PERMISSION_DENIED, whose text names no credential.
    if (absl::StatusOr<RedisValue> authed = conn->Command(auth); !authed.ok()) {
      if (conn->broken()) return authed.status();
      return absl::PermissionDeniedError(
          absl::StrCat("Redis refused the URL's credentials: ", authed.status().message()));
    }
  }
  if (endpoint->db != 0) {
    absl::StatusOr<RedisValue> selected = conn->Command({"SELECT", absl::StrCat(endpoint->db)});
    if (!selected.ok()) return selected.status();
  }
  return conn;
}

RedisConnection::~RedisConnection() { redisFree(ctx_); }

absl::Status RedisConnection::IoFailure() {
  broken_ = true;
  return absl::UnavailableError(
      absl::StrCat("Redis connection failed: ", ctx_->err != 0 ? ctx_->errstr : "unknown error"));
}

absl::Status RedisConnection::Append(const RedisArgv& argv) {
  std::vector<const char*> args;
  std::vector<size_t> lens;
  args.reserve(argv.size());
  lens.reserve(argv.size());
  for (const std::string& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  if (redisAppendCommandArgv(ctx_, static_cast<int>(args.size()), args.data(), lens.data()) !=
      REDIS_OK) {
    return IoFailure();
  }
  return absl::OkStatus();
}

absl::StatusOr<RedisValue> RedisConnection::Read() {
  void* raw = nullptr;
  if (redisGetReply(ctx_, &raw) != REDIS_OK || raw == nullptr) return IoFailure();
  std::unique_ptr<redisReply, void (*)(void*)> reply(static_cast<redisReply*>(raw),
                                                     freeReplyObject);
  return Copy(*reply);
}

absl::StatusOr<RedisValue> RedisConnection::Command(const RedisArgv& argv) {
  if (broken_) return absl::UnavailableError("Redis connection is broken");
  if (absl::Status appended = Append(argv); !appended.ok()) return appended;
  absl::StatusOr<RedisValue> reply = Read();
  if (reply.ok() && reply->is_error()) return ErrorStatus(reply->str);
  return reply;
}

absl::StatusOr<std::vector<RedisValue>> RedisConnection::Pipeline(
    const std::vector<RedisArgv>& commands) {
  if (broken_) return absl::UnavailableError("Redis connection is broken");
  for (const RedisArgv& argv : commands) {
    if (absl::Status appended = Append(argv); !appended.ok()) return appended;
  }
  std::vector<RedisValue> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    absl::StatusOr<RedisValue> reply = Read();
    if (!reply.ok()) return reply.status();
    replies.push_back(*std::move(reply));
  }
  return replies;
}

}  // namespace hotline::events
