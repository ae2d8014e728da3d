#pragma once

// One instance of the hotline suite on its own scratch database, as transfer's integration tests
// use it: the ticket core, transfer's message store and the receiving side of the peer protocol.
#include <string>

#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/provincial-transfer/app/receiving.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/support/scratch_database.h"

namespace hotline::transfer::testing {

inline absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) zone = absl::FixedTimeZone(8 * 3600);
  return zone;
}

inline PeerConfig Peer(const std::string& code, InstanceRole role) {
  PeerConfig p;
  p.instance_code = code;
  p.role = role;
  p.region_prefixes = {code};
  p.address = "127.0.0.1:7000";
  p.certificate_identity = code + ".transfer.hotline.test";
  return p;
}

struct Instance {
  // `pool_size`: connections for use cases that apply several tickets side by side.
  explicit Instance(const std::string& code, int pool_size = 2)
      : self{code, DefaultRoleOf(code)},
        pool({.url = db.url(), .size = pool_size}),
        transactions(pool),
        tickets({.instance_id = code, .zone = Shanghai(), .stream_partitions = 4},
                crypto::EphemeralCipher(), clock) {}

  int64_t Count(const std::string& sql) { return db.Count(sql); }

  hotline::testing::ScratchDatabase db;
  SelfInstance self;
  pg::PgPool pool;
  pg::PgTransactionRunner transactions;
  FakeClock clock{absl::FromUnixSeconds(1796600000)};
  ticketstore::PgTicketStore tickets;
  PgMessageStore messages{crypto::EphemeralCipher()};
  Receiving receiving{transactions, tickets, messages, clock, self};
};

}  // namespace hotline::transfer::testing
