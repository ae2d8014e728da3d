#pragma once

#include <string>

#include "services/provincial-transfer/app/topology_admin.h"

namespace hotline::transfer {

// The seed topology from a file in protobuf text format (hotline.transfer.v1.TopologySeed),
// read again on every ReloadPeers so that an edited file applies without a restart.
class TopologySeedFile final : public TopologySeedSource {
 public:
  explicit TopologySeedFile(std::string path) : path_(std::move(path)) {}
  // FAILED_PRECONDITION when the file cannot be read; INVALID_ARGUMENT when it does not parse.
  absl::StatusOr<Topology> Read() const override;

 private:
  const std::string path_;
};

}  // namespace hotline::transfer
