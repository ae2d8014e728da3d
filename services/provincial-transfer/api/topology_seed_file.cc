#include "services/provincial-transfer/api/topology_seed_file.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "services/provincial-transfer/api/topology_proto.h"

namespace hotline::transfer {
namespace {

// Keeps the parser's first complaint (line and column) instead of printing it to stderr.
class FirstError final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (text.empty())
      text = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
  }
  std::string text;
};

}  // namespace

absl::StatusOr<Topology> TopologySeedFile::Read() const {
  std::ifstream in(path_);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read the seed ", path_));
  std::stringstream text;
  text << in.rdbuf();
  v1::TopologySeed seed;
  FirstError error;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&error);
  if (!parser.ParseFromString(text.str(), &seed)) {
    return absl::InvalidArgumentError(absl::StrCat("seed ", path_, ": ", error.text));
  }
  return TopologyFromSeed(seed);
}

}  // namespace hotline::transfer
