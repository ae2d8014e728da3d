#pragma once

// What the federation's end-to-end tests share: the instances' endpoints, calls with a token, one
// value from an instance's database, and tokens made for a test.
#include <grpcpp/client_context.h>

#include <map>
#include <memory>
#include <string>

namespace hotline::transfer::testing {

// The federation folder (HOTLINE_TEST_FEDERATION).
std::string FederationDir();
// One instance's endpoints.env ("53", "5301", "5303").
std::map<std::string, std::string> Endpoints(const std::string& code);
// A call context with `token` as bearer and a 10 s deadline.
std::unique_ptr<grpc::ClientContext> As(const std::string& token);
// One value of one query with one parameter on an instance's database ("" when no row yet).
std::string Query(const std::string& pg_url, const std::string& sql, const std::string& param);
// A new token on the instance whose database is `pg_url` (hotline-admin token create).
std::string MakeToken(const std::string& pg_url, const std::string& role,
                      const std::string& jurisdiction, const std::string& name);

// Queries for Query, each on a ticket number: the local ticket an instance made from a peer's
// ticket, a ticket's state, its lead unit.
inline constexpr char kReceivedSql[] =
    "SELECT t.number FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
    "WHERE l.origin_ticket_number = $1";
inline constexpr char kStateSql[] = "SELECT state FROM tickets WHERE number = $1";
inline constexpr char kLeadSql[] =
    "SELECT a.unit_id FROM routing_assignments a JOIN tickets t ON t.id = a.ticket_id "
    "WHERE t.number = $1 AND a.role = 1";

// The number of the ticket `pg_url`'s instance made from a peer's `origin_number`, once it is
// there (fails the test after 60 s).
std::string WaitReceived(const std::string& pg_url, const std::string& origin_number);

}  // namespace hotline::transfer::testing
