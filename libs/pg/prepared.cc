#include "libs/pg/prepared.h"

#include <cstdint>
#include <cstdio>

namespace hotline::pg {

std::string PrepareOnce(pqxx::connection_base& conn, const std::string& sql) {
  // FNV-1a over the text; libpqxx refuses a name reused for another text, so a collision would
  // fail loudly rather than run the wrong statement.
  uint64_t h = 14695981039346656037ull;
  for (char c : sql) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ull;
  }
  char name[24];
  std::snprintf(name, sizeof(name), "h%016llx", static_cast<unsigned long long>(h));
  conn.prepare(name, sql);  // a no-op when this connection has it already
  return name;
}

}  // namespace hotline::pg
