#include "libs/events/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace hotline::events {
namespace {

struct Endpoint {
  std::string host;
  int port = 6379;
  int db = 0;
};

absl::StatusOr<Endpoint> ParseUrl(absl::string_view url) {
  Endpoint endpoint;
  if (!absl::ConsumePrefix(&url, "redis://")) {
    return absl::InvalidArgumentError("Redis URL must start with redis://");
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
  redisContext* ctx =
      redisConnectWithTimeout(endpoint->host.c_str(), endpoint->port, absl::ToTimeval(timeout));
  if (ctx == nullptr) return absl::ResourceExhaustedError("cannot allocate a Redis context");
  std::unique_ptr<RedisConnection> conn(new RedisConnection(ctx));
  if (ctx->err != 0) {
    return absl::UnavailableError(absl::StrCat("Redis connect to ", endpoint->host, ":",
                                               endpoint->port, " failed: ", ctx->errstr));
  }
  if (redisSetTimeout(ctx, absl::ToTimeval(timeout)) != REDIS_OK ||
      redisEnableKeepAlive(ctx) != REDIS_OK) {
    return conn->IoFailure();
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
