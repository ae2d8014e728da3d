#include "services/intake/app/caller_actions.h"

#include <catch2/catch.hpp>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "tests/unit/intake/fakes/use_case_fixture.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
using testing::UseCaseFixture;

AddSupplementCommand Supplement(const std::string& number, int64_t expected_version = 0) {
  AddSupplementCommand c;
  c.ticket_number = number;
  c.content = "路灯又灭了";
  c.expected_version = expected_version;
  return c;
}

WithdrawCommand Withdrawal(const std::string& number, int64_t expected_version = 0) {
  return {number, "已自行解决", expected_version};
}

TEST_CASE("a supplement to an open ticket is recorded as an event", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102");
  CallerActions actions(f.transactions, f.tickets);
  AddSupplementCommand command = Supplement(t.number());
  command.attachments.Add()->set_uri("https://files.example/lamp.jpg");
  auto added = actions.AddSupplement(UseCaseFixture::Actor("5301"), command);
  REQUIRE(added.ok());
  CHECK(added->version == t.version() + 1);
  CHECK(f.tickets.EventTypes(t.id()) ==
        std::vector<std::string>{event_type::kIntakeSupplementAdded});
  // The event says how many files came; the words and the files stay with the ticket.
  hotline::intake::v1::SupplementAdded event;
  REQUIRE(f.tickets.events().back().payload().UnpackTo(&event));
  CHECK(event.attachments() == 1);
  Transaction tx;
  const std::vector<ticketstore::TicketText> texts = f.tickets.Texts(tx, t.id());
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].kind == ticketstore::TicketText::Kind::kSupplement);
  CHECK(texts[0].body == "路灯又灭了");
  REQUIRE(texts[0].attachments.size() == 1);
  CHECK(texts[0].attachments[0].uri() == "https://files.example/lamp.jpg");
  CHECK(texts[0].ticket_version == added->version);
}

TEST_CASE("a supplement to a closed ticket is refused", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102", common::TICKET_STATE_CLOSED);
  CallerActions actions(f.transactions, f.tickets);
  auto added = actions.AddSupplement(UseCaseFixture::Actor("5301"), Supplement(t.number()));
  CHECK(added.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.tickets.EventTypes(t.id()).empty());
}

TEST_CASE("a ticket with another instance takes supplements and can be withdrawn",
          "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102", common::TICKET_STATE_TRANSFERRED_OUT);
  CallerActions actions(f.transactions, f.tickets);
  // Provincial transfer sends the supplement, or recalls the ticket, where it went.
  REQUIRE(actions.AddSupplement(UseCaseFixture::Actor("5301"), Supplement(t.number())).ok());
  auto withdrawn = actions.Withdraw(UseCaseFixture::Actor("5301"), Withdrawal(t.number()));
  REQUIRE(withdrawn.ok());
  CHECK(withdrawn->state == common::TICKET_STATE_WITHDRAWN);
  CHECK(f.tickets.EventTypes(t.id()) == std::vector<std::string>{event_type::kIntakeSupplementAdded,
                                                                 event_type::kTicketStateChanged,
                                                                 event_type::kIntakeWithdrawn});
}

TEST_CASE("a stale expected version aborts the supplement", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102");
  CallerActions actions(f.transactions, f.tickets);
  auto added =
      actions.AddSupplement(UseCaseFixture::Actor("5301"), Supplement(t.number(), t.version() + 5));
  CHECK(added.status().code() == absl::StatusCode::kAborted);
  CHECK(f.tickets.EventTypes(t.id()).empty());
}

TEST_CASE("caller actions stay within the jurisdiction", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102");
  CallerActions actions(f.transactions, f.tickets);
  // Outside it, as if the ticket did not exist.
  CHECK(actions.AddSupplement(UseCaseFixture::Actor("5302"), Supplement(t.number()))
            .status()
            .code() == absl::StatusCode::kNotFound);
  CHECK(actions.Withdraw(UseCaseFixture::Actor("5302"), Withdrawal(t.number())).status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(f.tickets.EventTypes(t.id()).empty());
}

TEST_CASE("an unknown ticket is not found", "[caller_actions]") {
  UseCaseFixture f;
  CallerActions actions(f.transactions, f.tickets);
  CHECK(actions.Withdraw(UseCaseFixture::Actor("5301"), Withdrawal("5301-F-99")).status().code() ==
        absl::StatusCode::kNotFound);
}

TEST_CASE("a supplement's problems name their fields", "[caller_actions]") {
  UseCaseFixture f;
  CallerActions actions(f.transactions, f.tickets);
  AddSupplementCommand c;
  c.expected_version = -1;
  auto added = actions.AddSupplement(UseCaseFixture::Actor("5301"), c);
  REQUIRE(added.status().code() == absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(added.status())) fields.push_back(v.field);
  CHECK(fields == std::vector<std::string>{"ticket_number", "content", "expected_version"});
  CHECK(f.transactions.commits() + f.transactions.rollbacks() == 0);
}

TEST_CASE("withdrawing an open ticket moves it to WITHDRAWN with the reason", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102");
  CallerActions actions(f.transactions, f.tickets);
  auto withdrawn = actions.Withdraw(UseCaseFixture::Actor("5301"), Withdrawal(t.number()));
  REQUIRE(withdrawn.ok());
  CHECK(withdrawn->state == common::TICKET_STATE_WITHDRAWN);
  CHECK(withdrawn->version == t.version() + 2);
  CHECK(f.tickets.EventTypes(t.id()) ==
        std::vector<std::string>{event_type::kTicketStateChanged, event_type::kIntakeWithdrawn});
  Transaction tx;
  const std::vector<ticketstore::TicketText> texts = f.tickets.Texts(tx, t.id());
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].kind == ticketstore::TicketText::Kind::kWithdrawal);
  CHECK(texts[0].body == "已自行解决");
}

TEST_CASE("a closed ticket cannot be withdrawn", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102", common::TICKET_STATE_CLOSED);
  CallerActions actions(f.transactions, f.tickets);
  auto withdrawn = actions.Withdraw(UseCaseFixture::Actor("5301"), Withdrawal(t.number()));
  CHECK(withdrawn.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.tickets.EventTypes(t.id()).empty());
}

TEST_CASE("a stale expected version aborts the withdrawal, nothing written", "[caller_actions]") {
  UseCaseFixture f;
  const common::Ticket t = f.Ticket("530102");
  CallerActions actions(f.transactions, f.tickets);
  auto withdrawn =
      actions.Withdraw(UseCaseFixture::Actor("5301"), Withdrawal(t.number(), t.version() + 1));
  CHECK(withdrawn.status().code() == absl::StatusCode::kAborted);
  CHECK(f.tickets.EventTypes(t.id()).empty());
  CHECK(f.transactions.rollbacks() == 1);
}

}  // namespace
}  // namespace hotline::intake
