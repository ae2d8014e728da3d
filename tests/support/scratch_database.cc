#include "tests/support/scratch_database.h"

#include <catch2/catch.hpp>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"
#include "tests/support/test_env.h"

namespace hotline::testing {
namespace {

// The suite's URL with its database name replaced.
std::string WithDatabase(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}

void Exec(const std::string& sql) {
  auto conn = pg::OpenConnection(TestEnv::Get().PgUrl());
  REQUIRE(conn.ok());
  pqxx::nontransaction(**conn).exec(sql);
}

}  // namespace

ScratchDatabase::ScratchDatabase(bool migrate) : name_(UniqueName("t")) {
  url_ = WithDatabase(TestEnv::Get().PgUrl(), name_);
  Exec(absl::StrCat("CREATE DATABASE ", name_));
  if (migrate) {
    absl::Status status = pg::ApplyMigrations(url_, pg::EmbeddedMigrations());
    INFO(status.ToString());
    REQUIRE(status.ok());
  }
}

int64_t ScratchDatabase::Count(const std::string& sql) const {
  auto conn = pg::OpenConnection(url_);
  REQUIRE(conn.ok());
  return pqxx::nontransaction(**conn).exec1(sql)[0].as<int64_t>();
}

std::string ScratchDatabase::Text(const std::string& sql) const {
  auto conn = pg::OpenConnection(url_);
  REQUIRE(conn.ok());
  const pqxx::row row = pqxx::nontransaction(**conn).exec1(sql);
  return row[0].is_null() ? std::string() : row[0].c_str();
}

ScratchDatabase::~ScratchDatabase() {
  try {
    Exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (...) {
    // Leaving a scratch database behind is harmless; the suite's folder is thrown away.
  }
}

}  // namespace hotline::testing
