#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.pb.h"

namespace hotline::supervision {

// The field checks of the requests (INVALID_ARGUMENT with the violated fields), before any use
// case runs. Free text (reasons, notes) is limited as libs/service/text_limits.h says.

absl::Status CheckTicketNumber(const std::string& ticket_number);
absl::Status CheckSuspend(const hotline::supervision::v1::SuspendRequest& r);
absl::Status CheckUrge(const hotline::supervision::v1::UrgeRequest& r);
// DecideSuspension and DecideExtension: a request id, and a reason when refusing.
absl::Status CheckDecision(int64_t request_id, bool approve, const std::string& reason);
absl::Status CheckRequestExtension(const hotline::supervision::v1::RequestExtensionRequest& r);
absl::Status CheckReview(const hotline::supervision::v1::ReviewRequest& r);
absl::Status CheckFollowUp(const hotline::supervision::v1::RecordFollowUpRequest& r);

// ListDueSoon's window (24 hours when unset).
absl::Status CheckWithin(const hotline::supervision::v1::ListDueSoonRequest& r,
                         absl::Duration* within);
// A page of ListOverdue / ListDueSoon; `after` is the page token's position.
absl::Status CheckPage(int page_size, int kind, const std::string& page_token,
                       std::optional<std::pair<absl::Time, int64_t>>* after);
// The token of the page after `last`.
std::string PageToken(const std::pair<absl::Time, int64_t>& last);

}  // namespace hotline::supervision
