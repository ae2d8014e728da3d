#include "bench/reporting/reporting_world.h"

#include "libs/crypto/field_cipher.h"

namespace hotline::bench {

ReportingWorld::ReportingWorld(const std::string& url, int connections, int partitions,
                               absl::TimeZone zone)
    : pool({.url = url,
            .size = connections,
            .acquire_timeout = absl::Minutes(1),
            .statement_timeout = absl::Hours(2),
            .application_name = "bench_reporting"}),
      transactions(pool),
      tickets({.instance_id = "53", .zone = zone, .stream_partitions = partitions},
              crypto::EphemeralCipher(), clock),
      calendars(calendar_table),
      working(zone, catalogue, calendars),
      queries(transactions, counts, catalogue),
      keeper(stores(), working, partitions),
      rebuilder(transactions, stores(), history, working) {}

}  // namespace hotline::bench
