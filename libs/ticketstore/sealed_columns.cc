#include "libs/ticketstore/sealed_columns.h"

#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace hotline::ticketstore {
namespace {

std::string Context(absl::string_view table, int64_t key, absl::string_view column) {
  return absl::StrCat(table, "/", key, "/", column);
}

// Rows with plain text left, then rows of another key; both through the partial indexes of 0046.
std::string ClaimSql(const SealedTable& t) {
  std::vector<std::string> selected = {t.id_column, t.context_column};
  std::vector<std::string> plain;
  for (const std::string& c : t.columns) {
    selected.push_back(c);
    selected.push_back(c + "_sealed");
    plain.push_back(c + " <> ''");
  }
  return absl::StrCat(
      "SELECT ", absl::StrJoin(selected, ", "), " FROM ", t.table, " WHERE ", t.id_column,
      " IN ((SELECT ", t.id_column, " FROM ", t.table, " WHERE sealed_key IS NULL AND (",
      absl::StrJoin(plain, " OR "), ") ORDER BY ", t.id_column, " LIMIT $2) UNION ALL (SELECT ",
      t.id_column, " FROM ", t.table, " WHERE sealed_key <> $1 ORDER BY sealed_key, ", t.id_column,
      " LIMIT $2)) ORDER BY ", t.id_column, " LIMIT $2 FOR UPDATE SKIP LOCKED");
}

std::string UpdateSql(const SealedTable& t, const std::string& column) {
  return absl::StrCat("UPDATE ", t.table, " SET ", column, " = '', ", column,
                      "_sealed = $2, sealed_key = $3 WHERE ", t.id_column, " = $1");
}

std::string EmptySql(const SealedTable& t, const std::string& column) {
  return absl::StrCat("UPDATE ", t.table, " SET ", column, " = '', ", column,
                      "_sealed = NULL, sealed_key = $2 WHERE ", t.id_column, " = $1");
}

}  // namespace

const std::vector<SealedTable>& SealedFreeTextTables() {
  static const auto* tables = new std::vector<SealedTable>{
      {"routing_assignments", "id", "id", "ticket_id", {"reply", "return_reason"}},
      {"routing_objections", "id", "id", "ticket_id", {"reason", "decision_reason"}},
      {"supervision_suspension_requests",
       "id",
       "ticket_id",
       "ticket_id",
       {"reason", "decision_reason"}},
      {"supervision_extension_requests",
       "id",
       "ticket_id",
       "ticket_id",
       {"reason", "decision_reason"}},
  };
  return *tables;
}

std::string SealColumn(const crypto::FieldCipher& cipher, absl::string_view table, int64_t key,
                       absl::string_view column, absl::string_view text) {
  if (text.empty()) return "";
  return cipher.Seal(text, Context(table, key, column));
}

absl::StatusOr<std::string> OpenColumn(const crypto::FieldCipher& cipher, absl::string_view table,
                                       int64_t key, absl::string_view column,
                                       const pqxx::field& plain, const pqxx::field& sealed) {
  if (sealed.is_null()) return plain.is_null() ? std::string() : plain.as<std::string>();
  const pqxx::binarystring bytes(sealed);
  absl::StatusOr<std::string> text =
      cipher.Open(absl::string_view(bytes.get(), bytes.size()), Context(table, key, column));
  if (!text.ok()) {
    return absl::Status(
        text.status().code(),
        absl::StrCat(table, " ", key, ": ", column, " does not open: ", text.status().message()));
  }
  return text;
}

int64_t ResealTable(pqxx::transaction_base& tx, const crypto::FieldCipher& cipher,
                    const SealedTable& t, int batch) {
  const std::string key_id = cipher.active_key_id();
  const pqxx::result rows = tx.exec_params(ClaimSql(t), key_id, batch);
  for (const pqxx::row& row : rows) {
    const int64_t id = row[0].as<int64_t>();
    const int64_t context = row[1].as<int64_t>();
    for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) {
      const std::string& column = t.columns[i];
      absl::StatusOr<std::string> text =
          OpenColumn(cipher, t.table, context, column, row[2 + 2 * i], row[3 + 2 * i]);
      if (!text.ok()) throw std::runtime_error(std::string(text.status().message()));
      const std::string sealed = SealColumn(cipher, t.table, context, column, *text);
      if (sealed.empty()) {
        tx.exec_params(EmptySql(t, column), id, key_id);
      } else {
        tx.exec_params(UpdateSql(t, column), id, pqxx::binarystring(sealed), key_id);
      }
    }
  }
  return static_cast<int64_t>(rows.size());
}

}  // namespace hotline::ticketstore
