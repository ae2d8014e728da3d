#include "tests/support/violated_fields.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace hotline::testing {

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  google::rpc::Status details;
  std::vector<std::string> fields;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

}  // namespace hotline::testing
