#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/service/principal.h"

namespace hotline::service {

// How far a call reaches once its role is allowed.
enum class Scope {
  // Changes the whole instance (scope rules, categories, knowledge base, calendars, policies, the
  // directory, peers): only a credential whose jurisdiction covers the instance ("" or a prefix of
  // the instance's own code). Checked before the handler runs.
  kInstanceWide,
  // Reads the instance's reference data, which holds no personal data: any jurisdiction.
  kReference,
  // Tickets (or figures) whose region lies within the caller's jurisdiction; checked where the
  // row is read (ticket_reach.h).
  kJurisdiction,
  // A unit: its own assignments, while they are live; checked where the assignment is read.
  kOwnAssignment,
  // A unit: its own rows (figures about itself); checked where they are read.
  kOwnUnit,
  // A front-end: the tickets its own credential took; checked where the ticket is read.
  kOwnSubmissions,
  // Another instance on the peer port, proven by mutual TLS; never a bearer token.
  kPeer,
};

// One line of a table: `roles` may call `method` (the full gRPC name, "/pkg.Service/Method")
// within `scope`. A method with different scopes per role has one line per scope.
struct AccessRule {
  std::string method;
  std::vector<hotline::common::v1::Role> roles;
  Scope scope = Scope::kJurisdiction;
};

// The authorisation table of a service: which roles may call each RPC, and how far. The auth
// interceptor asks Admit before the handler runs, so a refused call does nothing; an RPC without
// a line cannot be served (and the server does not start: ServiceMain checks every method).
class AccessTable {
 public:
  AccessTable() = default;
  // Crashes on a role listed twice for one method, a rule without roles outside the peer scope,
  // or a method name that is not "/pkg.Service/Method": the tables are code, not input.
  explicit AccessTable(std::vector<AccessRule> rules);

  // Appends `other`'s rules (a process serving several services).
  void Add(const AccessTable& other);

  // The rule that lets `role` call `method`, or nullptr.
  const AccessRule* RuleFor(absl::string_view method, hotline::common::v1::Role role) const;
  // Whether `method` has any line.
  bool Covers(absl::string_view method) const;

  // OK when `caller` may call `method` on instance `instance_id` as far as the table says before
  // any row is read; PERMISSION_DENIED otherwise (an unknown method included).
  absl::Status Admit(const Principal& caller, absl::string_view method,
                     absl::string_view instance_id) const;

  const std::vector<AccessRule>& rules() const { return rules_; }

 private:
  std::vector<AccessRule> rules_;
};

// Whether a credential for `jurisdiction` speaks for the whole instance `instance_id`.
bool CoversInstance(absl::string_view jurisdiction, absl::string_view instance_id);

// "instance-wide", "jurisdiction", … as the README's tables print them.
absl::string_view ScopeName(Scope scope);
// "front-end", "unit", … as the README's tables print them.
absl::string_view RoleName(hotline::common::v1::Role role);

}  // namespace hotline::service
