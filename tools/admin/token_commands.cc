// token create | revoke | list: bearer credentials, stored as SHA-256 hashes only.
#include <cstdio>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/domain/region_code.h"
#include "libs/pg/pg_error.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "tools/admin/commands.h"

ABSL_DECLARE_FLAG(std::string, pg_url);
ABSL_FLAG(std::string, name, "", "Credential name (a console, a unit id, a peer instance)");
ABSL_FLAG(std::string, role, "", "frontend | unit | supervisor | province | reporting | admin");
ABSL_FLAG(std::string, jurisdiction, "",
          "Region prefix the token may act in (division code); empty = nationwide");
ABSL_FLAG(absl::Duration, expires_in, absl::ZeroDuration(),
          "Lifetime of the token; 0 = until revoked");

namespace hotline::admin {
namespace {

namespace v1 = hotline::common::v1;

constexpr char kInsert[] = R"sql(
INSERT INTO api_tokens (name, token_sha256, role, jurisdiction, expires_at)
VALUES ($1, $2, $3, $4, CASE WHEN $5 = 0 THEN NULL ELSE now() + $5 * interval '1 second' END))sql";
constexpr char kRevoke[] =
    "UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL";
constexpr char kList[] = R"sql(
SELECT name, role, jurisdiction,
  CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
       WHEN expires_at IS NOT NULL AND expires_at <= now() THEN 'expired' ELSE 'live' END
FROM api_tokens ORDER BY name, id)sql";

int Fail(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  return 1;
}

bool ParseRole(const std::string& text, v1::Role* role) {
  const std::string name = "ROLE_" + absl::AsciiStrToUpper(text);
  return v1::Role_Parse(name, role) && *role != v1::ROLE_UNSPECIFIED;
}

int Create(pqxx::connection& conn) {
  const std::string name = absl::GetFlag(FLAGS_name);
  const std::string jurisdiction = absl::GetFlag(FLAGS_jurisdiction);
  v1::Role role;
  if (name.empty()) return Fail("--name is required");
  if (!ParseRole(absl::GetFlag(FLAGS_role), &role)) {
    return Fail("--role must be frontend, unit, supervisor, province, reporting or admin");
  }
  if (!jurisdiction.empty()) {
    auto code = domain::RegionCode::Parse(jurisdiction);
    if (!code.ok()) return Fail(absl::StrCat("--jurisdiction: ", code.status().message()));
  }
  const std::string token = service::NewToken();
  pqxx::work tx(conn);
  tx.exec_params(kInsert, name, service::Sha256Hex(token), static_cast<int>(role), jurisdiction,
                 absl::ToInt64Seconds(absl::GetFlag(FLAGS_expires_in)));
  tx.commit();
  std::printf("%s\n", token.c_str());  // shown once; only its hash is kept
  return 0;
}

int Revoke(pqxx::connection& conn) {
  const std::string name = absl::GetFlag(FLAGS_name);
  if (name.empty()) return Fail("--name is required");
  pqxx::work tx(conn);
  const auto revoked = tx.exec_params(kRevoke, name).affected_rows();
  tx.commit();
  if (revoked == 0) return Fail(absl::StrCat("no live token named ", name));
  std::printf("revoked %zu token(s) named %s\n", static_cast<size_t>(revoked), name.c_str());
  return 0;
}

int List(pqxx::connection& conn) {
  for (const auto& row : pqxx::nontransaction(conn).exec(kList)) {
    const auto role = static_cast<v1::Role>(row[1].as<int>());
    std::printf("%-32s %-12s %-12s %s\n", row[0].c_str(),
                absl::AsciiStrToLower(v1::Role_Name(role).substr(5)).c_str(),
                row[2].as<std::string>().empty() ? "(national)" : row[2].c_str(), row[3].c_str());
  }
  return 0;
}

}  // namespace

int TokenCommand(const std::vector<std::string>& args) {
  if (args.size() != 1) return Fail("usage: hotline-admin token create|revoke|list [flags]");
  const std::string url = absl::GetFlag(FLAGS_pg_url);
  if (url.empty()) return Fail("--pg_url (HOTLINE_PG_URL) is required");
  auto conn = pg::OpenConnection(url);
  if (!conn.ok()) return Fail(conn.status().ToString());
  try {
    if (args[0] == "create") return Create(**conn);
    if (args[0] == "revoke") return Revoke(**conn);
    if (args[0] == "list") return List(**conn);
  } catch (const std::exception& e) {
    absl::Status status = pg::StatusFromException(e);
    if (absl::IsAlreadyExists(status)) return Fail("a live token with that name already exists");
    return Fail(status.ToString());
  }
  return Fail("usage: hotline-admin token create|revoke|list [flags]");
}

}  // namespace hotline::admin
