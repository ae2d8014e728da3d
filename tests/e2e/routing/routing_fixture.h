#pragma once

#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "hotline/routing/v1/routing.grpc.pb.h"
#include "tests/support/scratch_database.h"
#include "tests/support/service_process.h"

namespace hotline::routing::testing {

// hotline-intake and `replicas` hotline-routing processes of the test's own (one database, one
// stream), run as the Yunnan instance 53, with a small Kunming directory imported through
// ImportDirectory:
//   5301 Kunming: civil-affairs, minor-protection-centre, water-supply, government
//   530102 Wuhua (district): civil-affairs, education, urban-management
//   530103 Panlong (district): civil-affairs, education
//   530102001 Huashan street: township-government, child-supervisor
//   530102001001 a community: village-committee, child-director
//   53 Yunnan: public-security
// and catalogue rules: public-utilities/water → prefecture water-supply; education → county
// education + civil-affairs; minor-protection → county civil-affairs + education;
// public-security/exit-entry → province public-security.
class RoutingFixture {
 public:
  // `routing_flags` go to every hotline-routing replica.
  explicit RoutingFixture(int replicas = 1, std::vector<std::string> routing_flags = {});

  hotline::intake::v1::Intake::Stub& intake() { return *intake_; }
  // Replica `i`'s stub.
  hotline::routing::v1::Routing::Stub& routing(int i = 0) { return *routing_[i]; }
  static std::unique_ptr<grpc::ClientContext> As(const std::string& token);

  // Submits a complaint of `category` about `region` from a Kunming console; returns its number.
  std::string Submit(const std::string& category, const std::string& region,
                     bool involves_minor = false, bool confidential = false);
  // Waits until the ticket reaches `state` (name without prefix, e.g. "DISPATCHED") in PG.
  void WaitForState(const std::string& number, const std::string& state);
  std::string StateOf(const std::string& number) const;
  // The ticket's assignments of its latest round, as "unit:ROLE:STATE" in id order.
  std::vector<std::string> LatestRound(const std::string& number) const;
  hotline::routing::v1::Assignment AssignmentOf(const std::string& number,
                                                const std::string& unit_id);

  // A token for a handling unit (named after it), made on first use.
  const std::string& UnitToken(const std::string& unit_id);
  int64_t Count(const std::string& sql) const { return db_.Count(sql); }
  std::string Text(const std::string& sql) const { return db_.Text(sql); }
  const std::string& db_url() const { return db_.url(); }
  const std::string& stream_prefix() const { return stream_prefix_; }
  hotline::testing::ServiceProcess& routing_process(int i = 0) { return *routing_processes_[i]; }
  hotline::testing::ServiceProcess& intake_process() { return *intake_process_; }

  std::string frontend, supervisor, supervisor_qujing, admin;
  // A new token of `role` for `jurisdiction`, named `name`.
  std::string Token(const std::string& role, const std::string& jurisdiction,
                    const std::string& name);

 private:
  void ImportTestDirectory();

  ::hotline::testing::ScratchDatabase db_;
  std::string stream_prefix_;
  std::unique_ptr<::hotline::testing::ServiceProcess> intake_process_;
  std::vector<std::unique_ptr<::hotline::testing::ServiceProcess>> routing_processes_;
  std::unique_ptr<hotline::intake::v1::Intake::Stub> intake_;
  std::vector<std::unique_ptr<hotline::routing::v1::Routing::Stub>> routing_;
  absl::flat_hash_map<std::string, std::string> unit_tokens_;
};

}  // namespace hotline::routing::testing
