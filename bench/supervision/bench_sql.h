#pragma once

#include <cstdint>
#include <memory>
#include <pqxx/connection>
#include <pqxx/result>
#include <string>

namespace hotline::bench {

// One connection for the bench's own SQL (loading, scheduling, checking): no statement timeout,
// and any error ends the run through Fail(), since the bench cannot go on without its setup.
class Sql {
 public:
  explicit Sql(const std::string& url);
  pqxx::result Exec(const std::string& sql);
  // The first column of the first row; 0 when there is none or it is NULL.
  int64_t Int(const std::string& sql);
  pqxx::connection& conn() { return *conn_; }

 private:
  std::unique_ptr<pqxx::connection> conn_;
};

}  // namespace hotline::bench
