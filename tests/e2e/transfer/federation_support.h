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

}  // namespace hotline::transfer::testing
