#include "services/deadline-supervision/supervision_context.h"

namespace hotline::supervision {

hotline::common::v1::Actor SupervisionActor() {
  hotline::common::v1::Actor actor;
  actor.set_role(hotline::common::v1::ROLE_ADMIN);
  actor.set_principal("deadline-supervision");
  return actor;
}

}  // namespace hotline::supervision
