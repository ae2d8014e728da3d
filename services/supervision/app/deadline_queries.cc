#include "services/supervision/app/deadline_queries.h"

namespace hotline::supervision {

absl::StatusOr<TicketDeadlines> DeadlineQueries::Get(const std::string& ticket_number,
                                                     const TicketGate& gate) {
  return ctx_.transactions.RunFor<TicketDeadlines>(
      [&](Transaction& tx) -> absl::StatusOr<TicketDeadlines> {
        auto open = OpenTicket(ctx_, tx, ticket_number, gate);
        if (!open.ok()) return open.status();
        const absl::Time now = ctx_.clock.Now();
        TicketDeadlines out;
        for (const ClockRow& c : ctx_.clocks.OfTicket(tx, open->ticket.id())) {
          out.clocks.push_back(ClockToProto(c, now));
        }
        out.extensions = requests_.ExtensionsOfTicket(tx, open->ticket.id(), open->ticket.number());
        return out;
      });
}

absl::StatusOr<ClockList> DeadlineQueries::List(const ClockListQuery& q, absl::Time from,
                                                absl::Time until) {
  ClockPage page;
  page.from = from;
  page.until = until;
  page.kind = q.kind;
  page.after = q.after;
  page.limit = (q.page_size == 0 ? 50 : q.page_size) + 1;
  return ctx_.transactions.RunFor<ClockList>([&](Transaction& tx) -> absl::StatusOr<ClockList> {
    std::vector<ClockRow> rows = ctx_.clocks.Open(tx, q.region_prefix, page);
    const bool more = static_cast<int>(rows.size()) == page.limit;
    if (more) rows.pop_back();
    ClockList out;
    const absl::Time now = ctx_.clock.Now();
    for (const ClockRow& c : rows) out.clocks.push_back(ClockToProto(c, now));
    if (more) out.next = std::make_pair(rows.back().due_at, rows.back().id);
    return out;
  });
}

absl::StatusOr<ClockList> DeadlineQueries::Overdue(const ClockListQuery& q) {
  return List(q, absl::UnixEpoch(), ctx_.clock.Now());
}

absl::StatusOr<ClockList> DeadlineQueries::DueSoon(const ClockListQuery& q, absl::Duration within) {
  const absl::Time now = ctx_.clock.Now();
  return List(q, now, now + within);
}

}  // namespace hotline::supervision
