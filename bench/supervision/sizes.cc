#include "bench/supervision/sizes.h"

#include <cstdio>

#include "tests/support/core/stats.h"

namespace hotline::bench {
using support::Mb;

void PrintSizes(Sql& sql, const char* when) {
  std::printf("sizes (%s):\n", when);
  const pqxx::result r = sql.Exec(R"sql(
SELECT c.relname, pg_relation_size(c.oid), c.relkind FROM pg_class c
WHERE c.relname = 'supervision_clocks'
   OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'supervision_clocks'::regclass)
ORDER BY c.relkind DESC, c.relname)sql");
  for (const auto& row : r) {
    std::printf("  %-34s %8.1f MB\n", row[0].c_str(), Mb(row[1].as<int64_t>()));
  }
  std::printf("  %-34s %8.1f MB   (heap + indexes + TOAST)\n", "supervision_clocks total",
              Mb(sql.Int("SELECT pg_total_relation_size('supervision_clocks')")));
  std::printf("  %-34s %8.1f MB\n", "tickets total",
              Mb(sql.Int("SELECT pg_total_relation_size('tickets')")));
  std::printf("  %-34s %8.1f MB   (all partitions)\n", "ticket_events total",
              Mb(sql.Int("SELECT sum(pg_total_relation_size(relid))::bigint "
                         "FROM pg_partition_tree('ticket_events')")));
  std::printf("  %-34s %8.1f MB\n", "database",
              Mb(sql.Int("SELECT pg_database_size(current_database())")));
}

}  // namespace hotline::bench
