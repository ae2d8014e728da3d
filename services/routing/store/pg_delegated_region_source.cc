#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/transact.h"
#include "services/routing/store/delegated_region_source.h"

namespace hotline::routing {

constexpr char kDelegatedRegions[] =
    "SELECT region_prefix, instance_code FROM transfer_delegated_regions ORDER BY region_prefix";

absl::StatusOr<std::vector<DelegatedRegion>> PgDelegatedRegionSource::Load() const {
  return pg::TransactFor<std::vector<DelegatedRegion>>(
      pool_, [](pqxx::work& tx) -> absl::StatusOr<std::vector<DelegatedRegion>> {
        std::vector<DelegatedRegion> regions;
        for (const pqxx::row& r : tx.exec(kDelegatedRegions)) {
          regions.push_back({r[0].c_str(), r[1].c_str()});
        }
        return regions;
      });
}

}  // namespace hotline::routing
