#include "services/provincial-transfer/app/instance_role_flag.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace hotline::transfer {

absl::StatusOr<SelfInstance> SelfFromFlags(const std::string& instance_code,
                                           const std::string& role) {
  constexpr std::pair<const char*, InstanceRole> kRoles[] = {
      {"province", InstanceRole::kProvince},
      {"prefecture", InstanceRole::kPrefecture},
      {"industry_line", InstanceRole::kIndustryLine},
      {"national", InstanceRole::kNational},
  };
  SelfInstance self{instance_code, DefaultRoleOf(instance_code)};
  if (!role.empty()) {
    self.role = InstanceRole::kUnspecified;
    for (const auto& [name, value] : kRoles) {
      if (role == name) self.role = value;
    }
    if (self.role == InstanceRole::kUnspecified) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--instance_role must be province, prefecture, industry_line or national, not '", role,
          "'"));
    }
  }
  if (self.role == InstanceRole::kUnspecified) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--instance_role is required: instance ", instance_code, " implies no role by its length"));
  }
  return self;
}

hotline::common::v1::Actor StartupActor(const SelfInstance& self) {
  hotline::common::v1::Actor actor;
  actor.set_role(hotline::common::v1::ROLE_ADMIN);
  actor.set_principal("transfer");
  actor.set_jurisdiction(self.code);
  return actor;
}

}  // namespace hotline::transfer
