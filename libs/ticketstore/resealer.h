#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "libs/crypto/field_cipher.h"
#include "libs/pg/pg_pool.h"

namespace hotline::ticketstore {

// What one pass of the resealer did.
struct ResealRun {
  int64_t tickets = 0;  // rows sealed or re-sealed
  int64_t texts = 0;
  int64_t free_text = 0;  // rows of SealedFreeTextTables() (sealed_columns.h)
};

// Seals what is still in plain columns (rows written before migrations 0027 and 0046) and re-seals
// what an older key sealed, with the active key, `batch` rows a transaction, until none is left:
// after an operator adds a key and makes it active (and the services reload the keyring), old keys
// can be retired once a pass finds nothing. Rows are locked with SKIP LOCKED, so writers are not
// held up and several replicas may run it at once. Emptying the plain columns leaves the old values
// in dead tuples until VACUUM reclaims them.
absl::StatusOr<ResealRun> Reseal(pg::PgPool& pool, const crypto::FieldCipher& cipher,
                                 int batch = 500, int max_passes = 1 << 30);

}  // namespace hotline::ticketstore
