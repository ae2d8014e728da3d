#pragma once

#include <google/protobuf/timestamp.pb.h>

#include "absl/time/time.h"

namespace hotline {

// absl::Time ⇄ google.protobuf.Timestamp, to the microsecond (what PostgreSQL keeps); times
// before 1970 keep nanos non-negative, as the Timestamp contract wants.
google::protobuf::Timestamp ToTimestamp(absl::Time t);
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);

}  // namespace hotline
