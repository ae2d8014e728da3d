#include "bench/supervision/scratch_database.h"

#include <unistd.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/events/redis_connection.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/scratch_database.h"

namespace hotline::bench {
namespace {

// Every key of the scratch run's stream prefix in the suite's Redis.
void DeleteStreams(const std::string& redis_url, const std::string& prefix) {
  auto redis = events::RedisConnection::Connect(redis_url, absl::Seconds(5));
  if (!redis.ok()) return;
  std::string cursor = "0";
  std::vector<std::string> keys;
  do {
    auto reply = (*redis)->Command({"SCAN", cursor, "MATCH", prefix + ":*", "COUNT", "1000"});
    if (!reply.ok() || reply->elements.size() != 2) break;
    cursor = reply->elements[0].str;
    for (const auto& k : reply->elements[1].elements) keys.push_back(k.str);
  } while (cursor != "0");
  if (keys.empty()) return;
  events::RedisArgv del = {"DEL"};
  for (const std::string& k : keys) del.push_back(k);
  (void)(*redis)->Command(del);
}

}  // namespace

ScratchDatabase CreateScratchDatabase(const std::string& pg_url, const std::string& redis_url,
                                      bool keep) {
  ScratchDatabase db;
  db.name = absl::StrCat("bench_supervision_", getpid());
  db.url = support::ValueOrFail(support::CreateScratchDatabase(pg_url, db.name, /*migrate=*/true));
  db.cleanup_id = support::AddCleanup([pg_url, redis_url, name = db.name, keep] {
    DeleteStreams(redis_url, name);
    if (!keep) support::DropScratchDatabase(pg_url, name);
  });
  return db;
}

}  // namespace hotline::bench
