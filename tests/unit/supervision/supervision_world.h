#pragma once

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"
#include "services/supervision/app/supervision_context.h"
#include "tests/support/fake_ticket_store.h"
#include "tests/support/fake_transaction.h"
#include "tests/unit/supervision/fake_supervision_stores.h"

namespace hotline::supervision::testing {

// The use cases' surroundings in memory: fake tickets, clocks, requests and follow-ups rolled
// back together by one FakeTransactionRunner, the seed's standard calendar, and one catch-all
// policy (handling 5 working days, sign-for 4 working hours, review required, suspensions by a
// unit need approval, 3 follow-up attempts, 15 days' retention). The clock starts on Monday
// 2026-12-07 10:00 in Beijing.
class SupervisionWorld {
 public:
  SupervisionWorld();

  // A ticket of the "education/school" category in region 530102, in `state`.
  hotline::common::v1::Ticket Ticket(hotline::common::v1::TicketState state);
  // A running handling clock of `unit` on the ticket, due `due`.
  ClockRow Handling(const hotline::common::v1::Ticket& ticket, const std::string& unit,
                    absl::Time due);
  hotline::common::v1::TicketState StateOf(int64_t ticket_id);
  hotline::common::v1::Actor Office() const;
  hotline::common::v1::Actor Unit(const std::string& unit) const;

  PolicyRow& policy() { return settings_.policies[0]; }
  // The settings as edited since (the cache is read again).
  void SettingsChanged() { cache_.Invalidate(); }

  OffsetClock clock;
  ::hotline::testing::FakeTicketStore tickets{"53", clock};
  FakeClockStore clocks;
  FakeRequestStore requests;
  FakeFollowUpStore follow_ups;
  ::hotline::testing::FakeTransactionRunner runner;

 private:
  Settings settings_;
  SettingsCache cache_;

 public:
  const SupervisionContext ctx{runner, tickets, clocks, cache_, clock};
};

// Gates as the access table would give them.
TicketGate AsOffice();
TicketGate AsLeadUnit();
TicketGate Denied();

// An instant of Beijing time.
absl::Time Cst(int year, int month, int day, int hour, int minute = 0);

}  // namespace hotline::supervision::testing
