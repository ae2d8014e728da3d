#pragma once

#include <string>

#include "hotline/common/v1/auth.pb.h"

namespace hotline::service {

// Who is calling, as their token says. `jurisdiction` is a region prefix ("" = nationwide).
struct Principal {
  hotline::common::v1::Role role = hotline::common::v1::ROLE_UNSPECIFIED;
  std::string name;
  std::string jurisdiction;

  hotline::common::v1::Actor ToActor() const;
};

}  // namespace hotline::service
