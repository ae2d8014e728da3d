#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/crypto/field_cipher.h"

namespace pqxx {
class field;
class transaction_base;
}  // namespace pqxx

namespace hotline::ticketstore {

// Free text that services keep outside the ticket core (a unit's reply, a return's reason, a
// suspension's reason…), sealed in its own row: each text column `c` has a sealed twin `c_sealed`
// (bytea, NULL when the text is empty) and the row a `sealed_key` (migration 0046). The plain
// column stays only for rows written before; the resealer empties it.
struct SealedTable {
  std::string table;
  std::string id_column;       // the row's key, for claiming rows
  std::string context_column;  // bound into each value: a value copied to another row fails
  std::string ticket_column;   // the ticket the row belongs to (anonymiser.h)
  std::vector<std::string> columns;
};

// The tables of the suite that hold sealed free text besides the ticket core.
const std::vector<SealedTable>& SealedFreeTextTables();

// `text` sealed for column `column` of `table` in the row whose context key is `key`; "" for an
// empty text (stored as NULL).
std::string SealColumn(const crypto::FieldCipher& cipher, absl::string_view table, int64_t key,
                       absl::string_view column, absl::string_view text);
// The text of a column read as (plain, sealed): the sealed twin when set, else the plain value of
// a row written before sealing. DATA_LOSS or FAILED_PRECONDITION when it does not open; the message
// names the table and key, never the text.
absl::StatusOr<std::string> OpenColumn(const crypto::FieldCipher& cipher, absl::string_view table,
                                       int64_t key, absl::string_view column,
                                       const pqxx::field& plain, const pqxx::field& sealed);

// Seals the plain rows of `t` and re-seals the rows of other keys with the active key, at most
// `batch` rows (SKIP LOCKED); how many rows it wrote.
int64_t ResealTable(pqxx::transaction_base& tx, const crypto::FieldCipher& cipher,
                    const SealedTable& t, int batch);

}  // namespace hotline::ticketstore
