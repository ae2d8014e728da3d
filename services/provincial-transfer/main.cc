// hotline-transfer: provincial transfer between instances (province ⇄ prefectures ⇄ lines).
#include <cstdio>

#include "absl/flags/flag.h"
#include "libs/common/log.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/service_main.h"
#include "services/provincial-transfer/api/access.h"
#include "services/provincial-transfer/api/grpc_peer_transport.h"
#include "services/provincial-transfer/api/peer_service.h"
#include "services/provincial-transfer/api/peer_tls.h"
#include "services/provincial-transfer/api/reporting_minor_source.h"
#include "services/provincial-transfer/api/topology_seed_file.h"
#include "services/provincial-transfer/api/transfer_service.h"
#include "services/provincial-transfer/app/acceptance_watch.h"
#include "services/provincial-transfer/app/catch_up.h"
#include "services/provincial-transfer/app/forwarding.h"
#include "services/provincial-transfer/app/held_messages.h"
#include "services/provincial-transfer/app/instance_role_flag.h"
#include "services/provincial-transfer/app/peer_sender.h"
#include "services/provincial-transfer/app/queue_gauges.h"
#include "services/provincial-transfer/events/acceptance_events.h"
#include "services/provincial-transfer/events/ticket_events_handler.h"
#include "services/provincial-transfer/store/pg_acceptance_store.h"
#include "services/provincial-transfer/store/pg_delivery_store.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "services/provincial-transfer/store/pg_minor_report_store.h"
#include "services/provincial-transfer/store/pg_reply_source.h"

ABSL_FLAG(std::string, instance_role, "",
          "province | prefecture | industry_line | national; empty: from --instance_id (2 digits "
          "a province, 4 a prefecture)");
ABSL_FLAG(std::string, topology_seed, "",
          "Seed topology (hotline.transfer.v1.TopologySeed in text format), applied at start and "
          "by ReloadPeers; e.g. deploy/federation/53/topology.textproto");
ABSL_FLAG(absl::Duration, topology_ttl, absl::Seconds(1),
          "How long the topology is cached; changes through another replica apply within it");
ABSL_FLAG(int, peer_port, -1,
          "Port of the peer protocol (mutual TLS, TransferPeer); -1: none (no --peer_cert), 0: "
          "any free port (PEER_PORT in the ready file)");
ABSL_FLAG(std::string, peer_cert, "", "PEM certificate of this instance for the peer protocol");
ABSL_FLAG(std::string, peer_key, "", "PEM private key of --peer_cert");
ABSL_FLAG(std::string, peer_ca, "", "PEM province CA that signs every instance's certificate");
ABSL_FLAG(absl::Duration, hold_limit, absl::Minutes(10),
          "How long a peer's message waits for its predecessor before it is parked");
ABSL_FLAG(absl::Duration, peer_attempt_timeout, absl::Seconds(5),
          "How long one delivery attempt to a peer may take");
ABSL_FLAG(absl::Duration, acceptance_limit, absl::Hours(2),
          "How long a forwarded ticket may wait for the receiving instance's acceptance before "
          "transfer.unacknowledged is raised");
ABSL_FLAG(absl::Duration, urgent_acceptance_limit, absl::Minutes(30),
          "--acceptance_limit for urgent and extra-urgent tickets and emergencies");
ABSL_FLAG(absl::Duration, child_protection_acceptance_limit, absl::Minutes(30),
          "--acceptance_limit for child-protection tickets (12349, a minor involved, "
          "minor-protection categories)");
ABSL_FLAG(int, minor_push_day, 3,
          "A prefecture pushes the previous month's minor-protection figures to the province on "
          "this day of the month (1-28), Asia/Shanghai");
ABSL_FLAG(int, minor_push_hour, 9, "… at this local hour (0-23)");
ABSL_FLAG(absl::Duration, minor_push_every, absl::Seconds(10),
          "How often the monthly push's schedule and its queued pushes are looked at");
ABSL_FLAG(std::string, reporting_addr, "",
          "host:port of this instance's reporting service, where a prefecture takes its monthly "
          "minor-protection figures from; empty: no monthly push");
ABSL_FLAG(std::string, reporting_ca, "",
          "PEM CA of the reporting service's certificate; empty: plaintext (loopback only)");
ABSL_FLAG(std::string, reporting_token_file, "",
          "File holding a reporting-role bearer token for --reporting_addr");
ABSL_FLAG(int, forward_threads, 4,
          "Consumers turning local events into messages to peers (each takes a share of the "
          "partitions; a ticket's events stay in order)");

namespace {

[[noreturn]] void ConfigError(const std::string& message) {
  std::fprintf(stderr, "configuration error: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hotline::transfer;
  hotline::service::ServiceMain main_({"transfer", 50054, 9154}, argc, argv);
  absl::StatusOr<SelfInstance> self =
      SelfFromFlags(main_.config().instance_id, absl::GetFlag(FLAGS_instance_role));
  if (!self.ok()) ConfigError(std::string(self.status().message()));
  const PeerTlsFiles tls{absl::GetFlag(FLAGS_peer_cert), absl::GetFlag(FLAGS_peer_key),
                         absl::GetFlag(FLAGS_peer_ca)};
  const bool federated = !tls.cert.empty();
  if (federated != (absl::GetFlag(FLAGS_peer_port) >= 0)) {
    ConfigError("--peer_port and --peer_cert/--peer_key/--peer_ca go together");
  }

  const PgTopologyStore topology_store;
  const PgMessageStore messages(main_.cipher());
  const PgDeliveryStore deliveries(main_.cipher());
  const PgAcceptanceStore acceptances;
  TopologyCache topology(main_.transactions(), topology_store, absl::GetFlag(FLAGS_topology_ttl),
                         main_.clock());
  std::unique_ptr<TopologySeedFile> seed;
  if (!absl::GetFlag(FLAGS_topology_seed).empty()) {
    seed = std::make_unique<TopologySeedFile>(absl::GetFlag(FLAGS_topology_seed));
  }
  TopologyAdmin topology_admin(main_.transactions(), topology_store, topology, seed.get());
  if (seed != nullptr) {
    absl::StatusOr<SeedApplied> applied = topology_admin.ApplySeed(StartupActor(*self), false);
    if (!applied.ok()) {
      hotline::log::Error("cannot apply the topology seed",
                          {{"error", std::string(applied.status().message())}});
      return 1;
    }
    hotline::log::Info("topology seed applied",
                       {{"peers", applied->peers}, {"prefectures", applied->prefectures}});
  }
  const Destinations destinations(topology, *self);

  DeliverySteering steering(main_.transactions(), main_.tickets(), deliveries, messages,
                            acceptances, topology, main_.clock(), self->code);

  // The monthly minor-protection figures: a prefecture pushes, the province consolidates.
  const MinorPushSchedule schedule{absl::GetFlag(FLAGS_minor_push_day),
                                   absl::GetFlag(FLAGS_minor_push_hour)};
  if (absl::Status s = ValidateMinorPushSchedule(schedule); !s.ok()) {
    ConfigError(std::string(s.message()));
  }
  std::unique_ptr<ReportingMinorSource> minor_source;
  if (!absl::GetFlag(FLAGS_reporting_addr).empty()) {
    if (absl::GetFlag(FLAGS_reporting_token_file).empty()) {
      ConfigError("--reporting_addr needs --reporting_token_file");
    }
    hotline::tls::ClientTls reporting_tls;
    reporting_tls.ca = absl::GetFlag(FLAGS_reporting_ca);
    minor_source = std::make_unique<ReportingMinorSource>(
        ReportingEndpoint{absl::GetFlag(FLAGS_reporting_addr), reporting_tls,
                          absl::GetFlag(FLAGS_reporting_token_file)},
        self->code, absl::GetFlag(FLAGS_peer_attempt_timeout));
  }
  const PgMinorReportStore minor_store;
  MinorPushing minor_push(main_.transactions(), minor_store, minor_source.get(), topology,
                          main_.clock(), *self,
                          {schedule, absl::GetFlag(FLAGS_peer_attempt_timeout)});
  const MinorReports minor_reports(main_.transactions(), minor_store, topology, main_.clock(),
                                   *self);
  TransferService service({topology_admin, destinations, steering, minor_push, minor_reports},
                          main_.callers());
  main_.AddService(&service, TransferAccess());

  // Tickets leaving this instance go into their peer's outbox.
  const Forwarding forwarding(main_.tickets(), messages, destinations, main_.clock());
  // Changes to tickets received from a peer go back to it.
  const PgReplySource replies(main_.cipher());
  const StatusRelay relay(main_.tickets(), messages, replies, main_.clock(), *self);
  // Withdrawals of tickets sent elsewhere recall them.
  const Recalling recalling(main_.tickets(), messages, main_.clock(), *self);
  // Supplements written after a ticket left follow it.
  const SupplementForwarding supplements(main_.tickets(), messages, main_.clock(), *self);
  const TicketEventsHandler events(forwarding, relay, recalling, supplements);
  // Forwarded tickets are watched until the receiver accepts them.
  AcceptanceWatch acceptance_watch(
      main_.transactions(), main_.tickets(), acceptances, main_.clock(),
      {absl::GetFlag(FLAGS_acceptance_limit), absl::GetFlag(FLAGS_urgent_acceptance_limit),
       absl::GetFlag(FLAGS_child_protection_acceptance_limit)},
      &main_.metrics());
  const AcceptanceEvents acceptance_events(acceptance_watch);
  main_.AddConsumer("transfer",
                    [&events, &acceptance_events](const auto& event, pqxx::work& work) {
                      hotline::pg::PgTransaction tx(work);
                      if (acceptance_events.Wants(event)) {
                        if (absl::Status s = acceptance_events.Handle(event, tx); !s.ok()) return s;
                      }
                      return events.Handle(event, tx);
                    },
                    {[&events, &acceptance_events](const auto& event) {
                       return events.Wants(event) || acceptance_events.Wants(event);
                     },
                     absl::GetFlag(FLAGS_forward_threads)});

  // The peer protocol: receiving on the mTLS port, and the sender dialling the peers.
  Receiving receiving(main_.transactions(), main_.tickets(), messages, main_.clock(), *self);
  const OutboxPull pull(main_.transactions(), deliveries, main_.clock());
  TransferPeerService peer_service(topology, receiving, pull, minor_reports);
  HeldMessages held(main_.transactions(), messages, main_.clock(), absl::GetFlag(FLAGS_hold_limit),
                    &main_.metrics());
  std::unique_ptr<GrpcPeerTransport> transport;
  std::unique_ptr<PeerSender> sender;
  std::unique_ptr<CatchUp> catch_up;
  if (federated) {
    auto server_credentials = PeerServerCredentials(tls);
    auto channel_credentials = PeerChannelCredentials(tls);
    if (!server_credentials.ok()) ConfigError(std::string(server_credentials.status().message()));
    if (!channel_credentials.ok()) ConfigError(std::string(channel_credentials.status().message()));
    main_.AddListener(
        {"PEER", absl::GetFlag(FLAGS_peer_port), *server_credentials, {&peer_service}});
    transport = std::make_unique<GrpcPeerTransport>(*channel_credentials);
    sender = std::make_unique<PeerSender>(
        main_.transactions(), messages, topology, *transport, main_.clock(),
        SenderOptions{absl::Milliseconds(200), absl::GetFlag(FLAGS_peer_attempt_timeout)},
        &main_.metrics());
    // What a peer held for this instance while one of them was away is pulled on reconnect.
    sender->SetPeerStatus(&deliveries);
    catch_up = std::make_unique<CatchUp>(*transport, receiving);
    sender->SetCatchUp([&catch_up](const PeerConfig& peer) { return catch_up->Run(peer); });
    sender->Start();
    held.Start();
    if (self->role == InstanceRole::kPrefecture) {
      minor_push.SetTransport(transport.get());
      minor_push.Start(absl::GetFlag(FLAGS_minor_push_every));
    }
  } else {
    hotline::log::Info("no peer port: tickets for other instances wait in the outbox", {});
  }
  // Each peer's queue on /metrics, whether or not this replica sends.
  QueueGauges queue_gauges(main_.transactions(), messages, main_.clock(), main_.metrics());
  queue_gauges.Start(absl::Seconds(5));
  acceptance_watch.Start(absl::Seconds(5));
  const int code = main_.Run();
  acceptance_watch.Stop();
  queue_gauges.Stop();
  if (sender != nullptr) sender->Stop();
  minor_push.Stop();
  held.Stop();
  return code;
}
