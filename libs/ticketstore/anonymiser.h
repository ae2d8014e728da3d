#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/pg/pg_pool.h"

namespace hotline::ticketstore {

// Clears the personal data of tickets at rest — archived, not accepted, answered, merged,
// withdrawn or transferred out — last changed before `before`: the caller, address, content and
// attachments, the texts kept with them, and the free text of SealedFreeTextTables() (replies,
// reasons). The ticket, its timeline, its figures and its blind-index-free row stay, marked
// `anonymised_at` (0048). `batch` tickets a transaction (SKIP LOCKED), until none is left or
// `max_batches` ran; how many tickets it cleared.
absl::StatusOr<int64_t> Anonymise(pg::PgPool& pool, absl::Time before, int batch = 500,
                                  int max_batches = 1 << 30);

}  // namespace hotline::ticketstore
