#include "libs/pg/pg_pool.h"

#include <pqxx/nontransaction>

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/pg/pg_error.h"

namespace hotline::pg {

absl::StatusOr<std::unique_ptr<pqxx::connection>> OpenConnection(const std::string& url) {
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
}

PgPool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(std::move(conn_), discard_);
}

PgPool::PgPool(PgPoolOptions options) : options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<pqxx::connection>> PgPool::Connect() const {
  auto conn = OpenConnection(options_.url);
  if (!conn.ok()) return conn.status();
  try {
    (*conn)->set_variable("statement_timeout",
                          absl::StrCat(absl::ToInt64Milliseconds(options_.statement_timeout)));
    (*conn)->set_variable("application_name", (*conn)->quote(options_.application_name));
    if (options_.generic_plans) (*conn)->set_variable("plan_cache_mode", "force_generic_plan");
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
  return conn;
}

absl::StatusOr<PgPool::Lease> PgPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.size;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&available), options_.acquire_timeout)) {
      return absl::UnavailableError("no database connection became free in time");
    }
    if (!idle_.empty()) {
      std::unique_ptr<pqxx::connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot, connect without holding the lock
  }
  auto conn = Connect();
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    log::Warning("database connect failed", {{"error", conn.status().ToString()}});
    return conn.status();
  }
  return Lease(this, std::move(*conn));
}

void PgPool::Release(std::unique_ptr<pqxx::connection> conn, bool discard) {
  const bool reuse = !discard && conn->is_open();
  if (!reuse) conn.reset();  // close outside the lock
  absl::MutexLock lock(&mu_);
  if (reuse) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
}

}  // namespace hotline::pg
