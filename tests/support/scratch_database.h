#pragma once

#include <cstdint>
#include <string>

namespace hotline::testing {

// A fresh database on the suite's PostgreSQL for one test, dropped when the object goes.
// With `migrate`, the embedded migrations are applied first.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(bool migrate = true);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }
  // The one integer `sql` returns (e.g. a count), read on a connection of its own.
  int64_t Count(const std::string& sql) const;
  // The one text value `sql` returns ("" for NULL).
  std::string Text(const std::string& sql) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::string url_;
};

}  // namespace hotline::testing
