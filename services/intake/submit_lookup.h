#pragma once

#include <cstdint>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::intake {

// What a batch of submissions reads before it writes, in one statement: the keys stored already,
// which duplicate candidates may still be repeated, and an id and number for each key not stored.
// It writes nothing but sequence draws, which no rollback would return anyway, so it needs no
// transaction around it.
struct BatchLookup {
  absl::flat_hash_set<std::string> taken_keys;
  absl::flat_hash_set<int64_t> repeatable;          // of the candidate ids
  ticketstore::PgTicketStore::Identities identities;  // in ascending numbers
};

// `keys` are distinct; `candidates` are ticket ids (DuplicateCandidates::ids); tickets drawn are
// created at `now`.
BatchLookup LookUpBatch(pqxx::transaction_base& tx, const ticketstore::PgTicketStore& tickets,
                        const std::vector<std::string>& keys,
                        const std::vector<int64_t>& candidates, absl::Time now);

}  // namespace hotline::intake
