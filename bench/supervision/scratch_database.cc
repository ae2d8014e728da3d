#include "bench/supervision/scratch_database.h"

#include <unistd.h>

#include <pqxx/nontransaction>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "bench/support/bench_util.h"
#include "libs/events/redis_connection.h"
#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"

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
  db.url = WithDatabase(pg_url, db.name);
  ExecOutsideTransaction(pg_url, "CREATE DATABASE " + db.name);
  db.cleanup_id = AddCleanup([pg_url, redis_url, name = db.name, keep] {
    DeleteStreams(redis_url, name);
    if (keep) return;
    auto conn = pg::OpenConnection(pg_url);
    if (!conn.ok()) return;
    try {
      pqxx::nontransaction(**conn).exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (const std::exception&) {
      // Best effort: a bench_supervision_* database left behind is harmless.
    }
  });
  if (absl::Status s = pg::ApplyMigrations(db.url, pg::EmbeddedMigrations()); !s.ok()) {
    Fail(s.ToString());
  }
  return db;
}

}  // namespace hotline::bench
