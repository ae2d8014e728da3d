#include "services/deadline-supervision/deadline_queries.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/deadline-supervision/clock_store.h"
#include "services/deadline-supervision/supervision_access.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;

}  // namespace

absl::StatusOr<v1::GetDeadlinesResponse> DeadlineQueries::Get(const service::Principal& caller,
                                                              const v1::GetDeadlinesRequest& r) {
  if (r.ticket_number().empty()) return InvalidFields({{"ticket_number", "is required"}});
  return pg::TransactFor<v1::GetDeadlinesResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::GetDeadlinesResponse> {
        auto ticket = TicketFor(tx, ctx_, caller, r.ticket_number(), Need::kRead);
        if (!ticket.ok()) return ticket.status();
        const absl::Time now = ctx_.clock.Now();
        v1::GetDeadlinesResponse response;
        for (const ClockRow& c : ClocksOfTicket(tx, ticket->id())) {
          *response.add_clocks() = ClockToProto(c, now);
        }
        for (const pqxx::row& row : tx.exec_params(R"sql(
SELECT id, unit_id, reason, (extract(epoch from requested_due_at) * 1000000)::bigint, state,
  decision_reason, (extract(epoch from requested_at) * 1000000)::bigint,
  (extract(epoch from decided_at) * 1000000)::bigint
FROM supervision_extension_requests WHERE ticket_id = $1 ORDER BY id)sql",
                                                   ticket->id())) {
          v1::ExtensionRequest* e = response.add_extensions();
          e->set_id(row[0].as<int64_t>());
          e->set_ticket_number(ticket->number());
          e->set_unit_id(row[1].c_str());
          e->set_reason(row[2].c_str());
          *e->mutable_requested_due_at() =
              ticketstore::ToTimestamp(absl::FromUnixMicros(row[3].as<int64_t>()));
          e->set_state(static_cast<v1::ExtensionState>(row[4].as<int>()));
          e->set_decision_reason(row[5].c_str());
          *e->mutable_requested_at() =
              ticketstore::ToTimestamp(absl::FromUnixMicros(row[6].as<int64_t>()));
          if (!row[7].is_null()) {
            *e->mutable_decided_at() =
                ticketstore::ToTimestamp(absl::FromUnixMicros(row[7].as<int64_t>()));
          }
        }
        return response;
      });
}

absl::StatusOr<v1::ListClocksResponse> DeadlineQueries::List(const service::Principal& caller,
                                                             absl::Time from, absl::Time until,
                                                             int kind, int page_size,
                                                             const std::string& page_token) {
  if (caller.role != common::ROLE_SUPERVISOR && caller.role != common::ROLE_ADMIN) {
    return absl::PermissionDeniedError("this is for the hotline office");
  }
  std::vector<FieldViolation> bad;
  if (page_size < 0 || page_size > 500)
    bad.push_back({"page_size", "must be 0 (default 50) to 500"});
  if (!v1::ClockKind_IsValid(kind)) bad.push_back({"kind", "unknown clock kind"});
  ClockPage page;
  if (!page_token.empty()) {
    std::vector<std::string> parts = absl::StrSplit(page_token, '.');
    int64_t micros = 0, id = 0;
    if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &micros) ||
        !absl::SimpleAtoi(parts[1], &id)) {
      bad.push_back({"page_token", "is not a token this service returned"});
    } else {
      page.after = std::make_pair(absl::FromUnixMicros(micros), id);
    }
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  page.from = from;
  page.until = until;
  page.kind = kind;
  page.limit = (page_size == 0 ? 50 : page_size) + 1;
  return pg::TransactFor<v1::ListClocksResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListClocksResponse> {
        std::vector<ClockRow> rows = OpenClocks(tx, caller.jurisdiction, page);
        const bool more = static_cast<int>(rows.size()) == page.limit;
        if (more) rows.pop_back();
        v1::ListClocksResponse response;
        const absl::Time now = ctx_.clock.Now();
        for (const ClockRow& c : rows) *response.add_clocks() = ClockToProto(c, now);
        if (more) {
          response.set_next_page_token(
              absl::StrCat(absl::ToUnixMicros(rows.back().due_at), ".", rows.back().id));
        }
        return response;
      });
}

absl::StatusOr<v1::ListClocksResponse> DeadlineQueries::Overdue(const service::Principal& caller,
                                                                const v1::ListOverdueRequest& r) {
  return List(caller, absl::UnixEpoch(), ctx_.clock.Now(), r.kind(), r.page_size(), r.page_token());
}

absl::StatusOr<v1::ListClocksResponse> DeadlineQueries::DueSoon(const service::Principal& caller,
                                                                const v1::ListDueSoonRequest& r) {
  absl::Duration within = absl::Hours(24);
  if (r.has_within()) {
    within = absl::Seconds(r.within().seconds());
    if (within <= absl::ZeroDuration() || within > absl::Hours(24 * 90)) {
      return InvalidFields({{"within", "must be more than 0 and at most 90 days"}});
    }
  }
  const absl::Time now = ctx_.clock.Now();
  return List(caller, now, now + within, r.kind(), r.page_size(), r.page_token());
}

}  // namespace hotline::supervision
