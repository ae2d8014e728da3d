#include "libs/events/outbox_origin.h"

#include <cctype>
#include <pqxx/binarystring>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <string>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_error.h"

namespace hotline::events {
namespace {

// The outbox rows of the events named (by their place in the arrays, from 1), whichever monthly
// partition holds them.
constexpr char kOutboxRows[] = R"sql(
SELECT k.n, e.envelope
FROM unnest($1::bigint[], $2::bigint[], $3::uuid[])
       WITH ORDINALITY AS k(ticket_id, ticket_version, event_id, n)
JOIN ticket_events e ON e.ticket_id = k.ticket_id AND e.ticket_version = k.ticket_version
                    AND e.event_id = k.event_id)sql";

// What PostgreSQL takes as a uuid: 32 hex digits, hyphens and braces aside. Checked here so
// that one forged id cannot fail the statement for the genuine events beside it.
bool LooksLikeUuid(const std::string& id) {
  int digits = 0;
  for (char c : id) {
    if (c == '-' || c == '{' || c == '}') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    ++digits;
  }
  return digits == 32;
}

}  // namespace

absl::Status ProveOrigin(pg::PgPool& pool, const std::vector<StreamEntry>& entries,
                         std::vector<PreparedEntry>& prepared) {
  std::vector<int64_t> tickets, versions;
  std::vector<std::string> ids;
  std::vector<size_t> asked;  // the entry of each array position
  for (size_t i = 0; i < prepared.size(); ++i) {
    PreparedEntry& p = prepared[i];
    if (!p.event || p.skipped) continue;
    p.unproven = true;  // until its row is found
    if (!LooksLikeUuid(p.event->event_id())) continue;
    tickets.push_back(p.event->ticket_id());
    versions.push_back(p.event->ticket_version());
    ids.push_back(p.event->event_id());
    asked.push_back(i);
  }
  if (!ids.empty()) {
    absl::StatusOr<pg::PgPool::Lease> conn = pool.Acquire();
    if (!conn.ok()) return conn.status();
    try {
      pqxx::nontransaction tx(**conn);
      const pqxx::result rows =
          tx.exec_params(kOutboxRows, pg::IntArrayLiteral(tickets), pg::IntArrayLiteral(versions),
                         pg::TextArrayLiteral(ids));
      for (const pqxx::row& row : rows) {
        const size_t i = asked.at(row[0].as<size_t>() - 1);
        const std::string* raw = entries[i].Field("envelope");
        if (raw != nullptr && *raw == pqxx::binarystring(row[1]).str()) {
          prepared[i].unproven = false;
        }
      }
    } catch (const std::exception& e) {
      conn->Discard();
      return pg::StatusFromException(e);
    }
  }
  for (PreparedEntry& p : prepared) {
    if (p.unproven) p.event.reset();
  }
  return absl::OkStatus();
}

}  // namespace hotline::events
