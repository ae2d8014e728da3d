#pragma once

#include "hotline/example/v1/example.grpc.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/auth_interceptor.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::example {

// gRPC adapter of hotline.example.v1.Example: proto ⇄ ticket store, absl::Status → grpc::Status.
class ExampleService final : public hotline::example::v1::Example::Service {
 public:
  ExampleService(const ticketstore::PgTicketStore& tickets, pg::PgPool& pool,
                 service::CallerRegistry& callers)
      : tickets_(tickets), pool_(pool), callers_(callers) {}

  grpc::Status WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest* request,
                      v1::WhoAmIResponse* response) override;
  grpc::Status OpenTicket(grpc::ServerContext* context, const v1::OpenTicketRequest* request,
                          v1::OpenTicketResponse* response) override;
  grpc::Status ApplyAction(grpc::ServerContext* context, const v1::ApplyActionRequest* request,
                           v1::ApplyActionResponse* response) override;

 private:
  const ticketstore::PgTicketStore& tickets_;
  pg::PgPool& pool_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::example
