#pragma once

#include <string>

#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/clock.h"
#include "tests/support/fake_ticket_store.h"
#include "tests/support/fake_transaction.h"
#include "tests/unit/intake/fakes/fake_intake_stores.h"

namespace hotline::intake::testing {

// The ticket core, intake's stores and a runner that rolls them all back, in memory.
struct UseCaseFixture {
  UseCaseFixture() {
    transactions.Track(tickets);
    transactions.Track(links);
    transactions.Track(records);
  }

  // A ticket in `region` (a division code) in `state`.
  hotline::common::v1::Ticket Ticket(
      const std::string& region,
      hotline::common::v1::TicketState state = hotline::common::v1::TICKET_STATE_DISPATCHED) {
    hotline::common::v1::Ticket t;
    t.mutable_region()->set_code(region);
    t.set_state(state);
    t.set_content("路灯坏了");
    t.mutable_caller()->set_name("张三");
    t.mutable_caller()->set_phone("13812345678");
    return tickets.Put(t);
  }

  static hotline::common::v1::Actor Actor(
      const std::string& jurisdiction,
      hotline::common::v1::Role role = hotline::common::v1::ROLE_FRONTEND) {
    hotline::common::v1::Actor actor;
    actor.set_role(role);
    actor.set_principal("console-03");
    actor.set_jurisdiction(jurisdiction);
    return actor;
  }

  FakeClock clock{absl::FromUnixSeconds(1'800'000'000)};
  hotline::testing::FakeTicketStore tickets{"5301", clock};
  FakeDuplicateLinkStore links;
  FakeTicketRecordsStore records;
  hotline::testing::FakeTransactionRunner transactions;
};

}  // namespace hotline::intake::testing
