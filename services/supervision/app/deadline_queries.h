#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "services/supervision/app/supervision_context.h"
#include "services/supervision/store/request_store.h"

namespace hotline::supervision {

struct TicketDeadlines {
  std::vector<hotline::supervision::v1::Clock> clocks;  // newest first
  std::vector<hotline::supervision::v1::ExtensionRequest> extensions;
};

// A page of the office's lists over the running clocks of `region_prefix`.
struct ClockListQuery {
  std::string region_prefix;
  int kind = 0;  // 0 = all
  int page_size = 50;
  std::optional<std::pair<absl::Time, int64_t>> after;  // from the page token
};

struct ClockList {
  std::vector<hotline::supervision::v1::Clock> clocks;
  std::optional<std::pair<absl::Time, int64_t>> next;  // the last clock shown, when more follow
};

// Reading deadlines: a ticket's clocks, and the office's overdue and due-soon lists.
class DeadlineQueries {
 public:
  DeadlineQueries(const SupervisionContext& ctx, RequestStore& requests)
      : ctx_(ctx), requests_(requests) {}

  absl::StatusOr<TicketDeadlines> Get(const std::string& ticket_number, const TicketGate& gate);
  // Running clocks past due, most late first.
  absl::StatusOr<ClockList> Overdue(const ClockListQuery& q);
  // Running clocks due within `within` from now, soonest first.
  absl::StatusOr<ClockList> DueSoon(const ClockListQuery& q, absl::Duration within);

 private:
  absl::StatusOr<ClockList> List(const ClockListQuery& q, absl::Time from, absl::Time until);

  const SupervisionContext& ctx_;
  RequestStore& requests_;
};

}  // namespace hotline::supervision
