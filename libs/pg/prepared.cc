#include "libs/pg/prepared.h"

#include "absl/strings/str_format.h"
#include "libs/common/fnv.h"

namespace hotline::pg {

std::string PrepareOnce(pqxx::connection_base& conn, const std::string& sql) {
  // libpqxx refuses a name reused for another text, so a collision would fail loudly rather than
  // run the wrong statement.
  std::string name = absl::StrFormat("h%016x", Fnv1a64(sql));
  conn.prepare(name, sql);  // a no-op when this connection has it already
  return name;
}

}  // namespace hotline::pg
