#pragma once

#include <grpcpp/impl/codegen/service_type.h>
#include <grpcpp/security/server_credentials.h>
#include <prometheus/registry.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/crypto/field_cipher.h"
#include "libs/events/event_consumer.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/access_table.h"
#include "libs/service/auth_interceptor.h"
#include "libs/service/service_config.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"

namespace hotline::service {

// How a service consumes the ticket event stream.
struct ConsumerSpec {
  // Events the handler acts on (unset: all); the rest are acknowledged without a transaction.
  std::function<bool(const hotline::common::v1::EventEnvelope&)> wants;
  // Consumers in this replica, each reading its share of the partitions (order per partition,
  // and so per ticket, is kept), named <consumer_name>-<i> when more than one.
  int threads = 1;
  // Optional: all the new events of a read at once (libs/events/consumer_batch.h), the handler
  // taking over event by event when it fails.
  events::BatchHandler batch;
};

// A second gRPC listener beside the token port, for a protocol that authenticates its callers
// otherwise (e.g. mutual TLS between instances): no token check, the per-RPC metrics only.
struct ExtraListener {
  std::string name;  // the ready file gets <NAME>_PORT=<port>, e.g. PEER_PORT
  int port = 0;      // 0: any free port
  std::shared_ptr<grpc::ServerCredentials> credentials;
  std::vector<grpc::Service*> services;  // must outlive Run()
};

// What a service process is made of, so that main() is a short list:
//
//   ServiceMain main_({"intake", 50051, 9151}, argc, argv);
//   CallerActions caller_actions(main_.transactions(), main_.tickets());
//   IntakeService service({caller_actions, …}, main_.callers());
//   main_.AddService(&service, IntakeAccess());
//   return main_.Run();
//
// The constructor reads the config, opens the database (applying migrations), and prepares the
// ticket store, token authentication and metrics; anything wrong there is fatal with a clear
// message. Run() serves gRPC (health, reflection, auth, per-RPC metrics) and /metrics, runs the
// outbox relay and the event consumers, and on SIGTERM or SIGINT stops accepting calls, lets
// in-flight calls finish within --shutdown_grace, finishes the relay's current batch, and returns.
class ServiceMain {
 public:
  ServiceMain(ServiceSpec spec, int argc, char** argv);
  ~ServiceMain();

  const ServiceConfig& config() const { return config_; }
  const Clock& clock() const { return SystemClock::Get(); }
  absl::TimeZone zone() const { return zone_; }
  pg::PgPool& pool() { return *pool_; }
  // Transactions on the pool, for use cases (they hand the Transaction to their stores).
  TransactionRunner& transactions() { return *transactions_; }
  const ticketstore::PgTicketStore& tickets() const { return *tickets_; }
  // The keys sealing personal data at rest, for a service's own stores of free text.
  const crypto::FieldCipher& cipher() const { return *cipher_; }
  CallerRegistry& callers() { return callers_; }
  prometheus::Registry& metrics() { return *registry_; }
  int stream_partitions() const { return partitions_; }

  // The service must outlive Run(). `access` is its authorisation table (access_table.h): Run()
  // refuses to start when a served method has no line in the tables added.
  void AddService(grpc::Service* service, const AccessTable& access);
  // Serves `listener` too, on config().listen_host, from Run() until shutdown.
  void AddListener(ExtraListener listener);
  // Consumes the ticket event stream as consumer group `group`.
  void AddConsumer(const std::string& group, events::EventConsumer::Handler handler,
                   ConsumerSpec spec = {});

  // Serves until SIGTERM/SIGINT; returns the process exit code.
  int Run();

 private:
  ServiceSpec spec_;
  ServiceConfig config_;
  absl::TimeZone zone_;
  std::unique_ptr<pg::PgPool> pool_;
  std::unique_ptr<pg::PgTransactionRunner> transactions_;
  int partitions_ = 0;
  std::unique_ptr<crypto::FieldCipher> cipher_;
  std::unique_ptr<ticketstore::PgTicketStore> tickets_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<TokenAuthenticator> authenticator_;
  CallerRegistry callers_;
  std::vector<grpc::Service*> services_;
  AccessTable access_;
  std::vector<ExtraListener> listeners_;
  std::vector<std::unique_ptr<events::EventConsumer>> consumers_;
};

}  // namespace hotline::service
