#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "services/supervision/app/supervision_context.h"
#include "services/supervision/store/request_store.h"

namespace hotline::supervision {

struct UrgeCommand {
  std::string ticket_number;
  std::string note;
  hotline::common::v1::Actor actor;
};

struct ReviewCommand {
  std::string ticket_number;
  bool approve = false;
  std::string reason;  // required when sending back
  hotline::common::v1::Actor actor;
};

struct FollowUpCommand {
  std::string ticket_number;
  hotline::supervision::v1::ContactResult contact =
      hotline::supervision::v1::CONTACT_RESULT_UNSPECIFIED;
  bool resolved = false;
  hotline::supervision::v1::Satisfaction satisfaction =
      hotline::supervision::v1::SATISFACTION_UNSPECIFIED;
  hotline::common::v1::Actor actor;
};

struct FollowUpResult {
  hotline::common::v1::TicketState ticket_state = hotline::common::v1::TICKET_STATE_UNSPECIFIED;
  int attempts = 0;  // unreachable attempts so far (0 when reached)
};

// The hotline office's own steps: urging by hand (督办), review of the lead's reply (审核), and
// the follow-up call with the caller's evaluation (回访、评价).
class OfficeSupervision {
 public:
  OfficeSupervision(const SupervisionContext& ctx, FollowUpStore& follow_ups)
      : ctx_(ctx), follow_ups_(follow_ups) {}

  absl::Status Urge(const UrgeCommand& c, const TicketGate& gate);
  // Approve: REPLIED → CLOSED. Send back: REPLIED → IN_PROGRESS with the reason; routing hands
  // the lead's part back to it and the handling clock runs again. Returns the new state.
  absl::StatusOr<hotline::common::v1::TicketState> Review(const ReviewCommand& c,
                                                          const TicketGate& gate);
  // On a CLOSED or ANSWERED ticket. Reached and satisfied (非常满意/满意/基本满意) and resolved:
  // FOLLOWED_UP, archived after the policy's retention. Dissatisfied or unresolved: REOPENED
  // (重办), which routing dispatches again to the same lead. Unreachable: counted; after the
  // policy's number of attempts, FOLLOWED_UP with that outcome and archived.
  absl::StatusOr<FollowUpResult> RecordFollowUp(const FollowUpCommand& c, const TicketGate& gate);

 private:
  const SupervisionContext& ctx_;
  FollowUpStore& follow_ups_;
};

}  // namespace hotline::supervision
