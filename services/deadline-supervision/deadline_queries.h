#pragma once

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/deadline-supervision/supervision_context.h"

namespace hotline::supervision {

// Reading deadlines: a ticket's clocks, and the office's overdue and due-soon lists.
class DeadlineQueries {
 public:
  DeadlineQueries(pg::PgPool& pool, const SupervisionContext& ctx) : pool_(pool), ctx_(ctx) {}

  absl::StatusOr<hotline::supervision::v1::GetDeadlinesResponse> Get(
      const service::Principal& caller, const hotline::supervision::v1::GetDeadlinesRequest& r);
  // Running clocks past due, most late first.
  absl::StatusOr<hotline::supervision::v1::ListClocksResponse> Overdue(
      const service::Principal& caller, const hotline::supervision::v1::ListOverdueRequest& r);
  // Running clocks due within the window, soonest first.
  absl::StatusOr<hotline::supervision::v1::ListClocksResponse> DueSoon(
      const service::Principal& caller, const hotline::supervision::v1::ListDueSoonRequest& r);

 private:
  absl::StatusOr<hotline::supervision::v1::ListClocksResponse> List(
      const service::Principal& caller, absl::Time from, absl::Time until, int kind, int page_size,
      const std::string& page_token);

  pg::PgPool& pool_;
  const SupervisionContext& ctx_;
};

}  // namespace hotline::supervision
