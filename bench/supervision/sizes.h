#pragma once

#include "bench/supervision/bench_sql.h"

namespace hotline::bench {

// Prints the on-disk size of supervision_clocks and each of its indexes, of tickets, of
// ticket_events and of the whole database; `when` labels the moment.
void PrintSizes(Sql& sql, const char* when);

}  // namespace hotline::bench
