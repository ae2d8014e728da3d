#pragma once

#include <grpcpp/client_context.h>

#include <memory>
#include <string>

#include "hotline/intake/v1/intake.grpc.pb.h"
#include "tests/support/scratch_database.h"
#include "tests/support/service_process.h"

namespace hotline::intake::testing {

// A hotline-intake of the test's own (own database, own stream), run as instance 53 (Yunnan), with
// one token per role: frontends for Kunming (5301) and Qujing (5303), a supervisor for Yunnan, …
class IntakeFixture {
 public:
  explicit IntakeFixture(std::vector<std::string> extra_flags = {});

  hotline::intake::v1::Intake::Stub& stub() { return *stub_; }
  // Starts another hotline-intake on the same database and stream; its stub.
  hotline::intake::v1::Intake::Stub& AddReplica(std::vector<std::string> extra_flags = {});
  // A context carrying `token`, with a 10 s deadline.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& token);

  // A valid submission from a Kunming caller about Wuhua district; tests change what they need.
  static hotline::intake::v1::SubmitTicketRequest ValidRequest(const std::string& key);
  grpc::Status Submit(const hotline::intake::v1::SubmitTicketRequest& request,
                      hotline::intake::v1::SubmitTicketResponse* response,
                      const std::string& token = "");
  hotline::intake::v1::GetTicketResponse Get(const std::string& number, const std::string& token);

  int64_t Count(const std::string& sql) const;
  int metrics_port() const { return service_->metrics_port(); }
  const std::string& db_url() const { return db_.url(); }

  std::string frontend_kunming, frontend_qujing, supervisor, province, reporting, admin;
  // A new token of `role` for `jurisdiction`; its name (the principal) in `name` when given.
  std::string Token(const std::string& role, const std::string& jurisdiction,
                    std::string* name = nullptr);
  // `key` as intake stores it for a submission by frontend_kunming (the default token).
  std::string StoredKey(const std::string& key) const;

 private:
  ::hotline::testing::ScratchDatabase db_;
  std::vector<std::string> flags_;
  std::string frontend_kunming_name_;
  std::unique_ptr<::hotline::testing::ServiceProcess> service_;
  std::unique_ptr<hotline::intake::v1::Intake::Stub> stub_;
  std::vector<std::unique_ptr<::hotline::testing::ServiceProcess>> replicas_;
  std::vector<std::unique_ptr<hotline::intake::v1::Intake::Stub>> replica_stubs_;
};

}  // namespace hotline::intake::testing
