#pragma once

#include <memory>
#include <pqxx/connection>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace hotline::pg {

struct PgPoolOptions {
  std::string url;  // libpq URL: postgresql://user@host:port/db
  int size = 8;
  absl::Duration acquire_timeout = absl::Seconds(5);
  absl::Duration statement_timeout = absl::Seconds(10);
  std::string application_name = "hotline";
  // plan_cache_mode = force_generic_plan: for a pool whose statements are prepared and plan the
  // same whatever their values (inserts from unnest, look-ups by key). PostgreSQL keeps planning
  // those anew on every execution, estimating a custom plan cheaper, and planning a batch's insert
  // costs more than running it.
  bool generic_plans = false;
};

// A fixed-size pool of PostgreSQL connections, opened lazily and replaced when they break.
class PgPool {
 public:
  // Returns its connection to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() const { return *conn_; }
    pqxx::connection* operator->() const { return conn_.get(); }
    // The connection is in an unknown state: close it instead of reusing it.
    void Discard() { discard_ = true; }

   private:
    friend class PgPool;
    Lease(PgPool* pool, std::unique_ptr<pqxx::connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    PgPool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    bool discard_ = false;
  };

  explicit PgPool(PgPoolOptions options);
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // UNAVAILABLE when the database cannot be reached or no connection frees up in time.
  absl::StatusOr<Lease> Acquire();

  const PgPoolOptions& options() const { return options_; }

 private:
  void Release(std::unique_ptr<pqxx::connection> conn, bool discard);
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Connect() const;

  const PgPoolOptions options_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + leased + being opened
};

// Opens one connection outside any pool (migrations, advisory-lock holders, tools).
absl::StatusOr<std::unique_ptr<pqxx::connection>> OpenConnection(const std::string& url);

}  // namespace hotline::pg
