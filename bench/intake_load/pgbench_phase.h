#pragma once

#include <string>

#include "absl/time/time.h"
#include "hotline/intake/v1/intake.pb.h"

namespace hotline::bench {

struct PgbenchResult {
  double tps = 0;     // 0 when pgbench failed
  std::string error;  // what pgbench said when it printed no TPS
};

// What pgbench's rows look like: a ticket as the load generator submits them, and an event of
// the size of intake's "ticket.created" envelopes, so both sides write rows of one size.
struct PgbenchRows {
  intake::v1::SubmitTicketRequest ticket;
  int envelope_bytes = 0;
};

// The mean size of the "ticket.created" envelopes intake has written; `fallback` when none.
int CreatedEnvelopeBytes(const std::string& pg_url, int fallback);

// TPS of `pgbench` (-n, `clients` clients) running, for `length`, the transaction SubmitTicket
// must at least match: insert a ticket and its event in one transaction. Its rows are not
// tickets: they are deleted afterwards and both tables vacuumed, so every phase starts alike.
// `work_dir` holds the script.
PgbenchResult RunPgbench(const std::string& pgbench, const std::string& pg_url, int clients,
                         absl::Duration length, const PgbenchRows& rows,
                         const std::string& work_dir);

}  // namespace hotline::bench
