#pragma once

#include <cstdint>

#include "bench/supervision/bench_sql.h"

namespace hotline::bench {

// Loaded tickets fall into classes by id % kResidues, so each phase makes due clocks that no
// other phase has touched:
inline constexpr int kResidues = 20;
inline constexpr int kBurstResidue = 0;
// The delay phase takes one clock per ticket from these, so its events map to clocks by ticket.
inline constexpr int kDelayResidueFirst = 1;
inline constexpr int kDelayResidueLast = 9;

// Inserts clocks / per_ticket IN_PROGRESS tickets and per_ticket running clocks each (1 handling
// + the rest sign-for, next rung spread over now+1 h .. now+30 d) straight in SQL, then VACUUM
// ANALYZE; prints what it loaded and how long each step took.
void LoadClocks(Sql& sql, int64_t clocks, int per_ticket);

}  // namespace hotline::bench
