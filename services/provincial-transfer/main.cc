// hotline-transfer: provincial transfer between instances (province ⇄ prefectures ⇄ lines).
#include <cstdio>

#include "absl/flags/flag.h"
#include "libs/common/log.h"
#include "libs/service/service_main.h"
#include "services/provincial-transfer/api/topology_seed_file.h"
#include "services/provincial-transfer/api/transfer_service.h"
#include "services/provincial-transfer/app/instance_role_flag.h"

ABSL_FLAG(std::string, instance_role, "",
          "province | prefecture | industry_line | national; empty: from --instance_id (2 digits "
          "a province, 4 a prefecture)");
ABSL_FLAG(std::string, topology_seed, "",
          "Seed topology (hotline.transfer.v1.TopologySeed in text format), applied at start and "
          "by ReloadPeers; e.g. deploy/federation/53/topology.textproto");
ABSL_FLAG(absl::Duration, topology_ttl, absl::Seconds(1),
          "How long the topology is cached; changes through another replica apply within it");

int main(int argc, char** argv) {
  using namespace hotline::transfer;
  hotline::service::ServiceMain main_({"transfer", 50054, 9154}, argc, argv);
  absl::StatusOr<SelfInstance> self =
      SelfFromFlags(main_.config().instance_id, absl::GetFlag(FLAGS_instance_role));
  if (!self.ok()) {
    std::fprintf(stderr, "configuration error: %s\n", std::string(self.status().message()).c_str());
    return 2;
  }

  const PgTopologyStore topology_store;
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

  TransferService service({topology_admin, destinations}, main_.callers());
  main_.AddService(&service);
  return main_.Run();
}
