#include "services/intake/app/duplicate_review.h"

#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "libs/domain/event_types.h"
#include "tests/unit/intake/fakes/use_case_fixture.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::intake::v1;
using testing::UseCaseFixture;

struct ReviewFixture : UseCaseFixture {
  DuplicateReview review{transactions, tickets, links, clock};
  common::Actor office = Actor("5301", common::ROLE_SUPERVISOR);
};

TEST_CASE("merging makes the duplicate MERGED into the survivor", "[duplicate_review]") {
  ReviewFixture f;
  const common::Ticket survivor = f.Ticket("530102");
  const common::Ticket duplicate = f.Ticket("530102");
  REQUIRE(f.review.Merge(f.office, duplicate.number(), survivor.number()).ok());
  Transaction tx;
  CHECK(f.tickets.Get(tx, duplicate.id())->state() == common::TICKET_STATE_MERGED);
  CHECK(f.tickets.EventTypes(duplicate.id()) ==
        std::vector<std::string>{event_type::kTicketStateChanged, event_type::kIntakeMerged});
  const auto& link = f.links.links().at(duplicate.id());
  CHECK(link.row.state == v1::DUPLICATE_LINK_STATE_MERGED);
  CHECK(link.row.earlier_ticket_id == survivor.id());
  CHECK(link.decided_by == "console-03");
  CHECK(f.tickets.EventTypes(survivor.id()).empty());
}

TEST_CASE("a merge's numbers are checked before anything is read", "[duplicate_review]") {
  ReviewFixture f;
  auto fields = [](const absl::Status& status) {
    std::vector<std::string> out;
    for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
    return out;
  };
  CHECK(fields(f.review.Merge(f.office, "", "")) ==
        std::vector<std::string>{"duplicate_ticket_number", "surviving_ticket_number"});
  CHECK(fields(f.review.Merge(f.office, "5301-F-1", "5301-F-1")) ==
        std::vector<std::string>{"surviving_ticket_number"});
  CHECK(f.transactions.commits() + f.transactions.rollbacks() == 0);
}

TEST_CASE("a merge outside the jurisdiction changes nothing", "[duplicate_review]") {
  ReviewFixture f;
  const common::Ticket survivor = f.Ticket("530102");
  const common::Ticket duplicate = f.Ticket("530202");
  CHECK(f.review.Merge(f.office, duplicate.number(), survivor.number()).code() ==
        absl::StatusCode::kNotFound);  // out of reach answers as absent
  CHECK(f.links.links().empty());
  CHECK(f.tickets.EventTypes(duplicate.id()).empty());
}

TEST_CASE("merging a closed ticket rolls everything back", "[duplicate_review]") {
  ReviewFixture f;
  const common::Ticket survivor = f.Ticket("530102");
  const common::Ticket duplicate = f.Ticket("530102", common::TICKET_STATE_CLOSED);
  CHECK(f.review.Merge(f.office, duplicate.number(), survivor.number()).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(f.links.links().empty());
}

TEST_CASE("unlinking a flagged ticket records the decision", "[duplicate_review]") {
  ReviewFixture f;
  const common::Ticket earlier = f.Ticket("530102");
  const common::Ticket t = f.Ticket("530102");
  f.links.Put(t.id(), earlier.id(), v1::DUPLICATE_LINK_STATE_LINKED);
  REQUIRE(f.review.Unlink(f.office, t.number()).ok());
  CHECK(f.links.links().at(t.id()).row.state == v1::DUPLICATE_LINK_STATE_UNLINKED);
  CHECK(f.links.links().at(t.id()).row.earlier_ticket_id == earlier.id());
  CHECK(f.tickets.EventTypes(t.id()) ==
        std::vector<std::string>{event_type::kIntakeDuplicateUnlinked});
  CHECK(f.tickets.events().back().payload().Is<v1::DuplicateUnlinked>());
}

TEST_CASE("only a LINKED ticket can be unlinked", "[duplicate_review]") {
  ReviewFixture f;
  const common::Ticket earlier = f.Ticket("530102");
  const common::Ticket unflagged = f.Ticket("530102");
  const common::Ticket merged = f.Ticket("530102");
  f.links.Put(merged.id(), earlier.id(), v1::DUPLICATE_LINK_STATE_MERGED);
  CHECK(f.review.Unlink(f.office, unflagged.number()).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(f.review.Unlink(f.office, merged.number()).code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.review.Unlink(f.office, "").code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.links.links().at(merged.id()).row.state == v1::DUPLICATE_LINK_STATE_MERGED);
}

TEST_CASE("listing pages through links with a token", "[duplicate_review]") {
  ReviewFixture f;
  for (int i = 0; i < 3; ++i) f.links.Put(10 + i, 1, v1::DUPLICATE_LINK_STATE_LINKED);
  auto first = f.review.List(f.office, {v1::DUPLICATE_LINK_STATE_UNSPECIFIED, 2, ""});
  REQUIRE(first.ok());
  CHECK(first->links.size() == 2);
  REQUIRE_FALSE(first->next_page_token.empty());
  auto second =
      f.review.List(f.office, {v1::DUPLICATE_LINK_STATE_LINKED, 2, first->next_page_token});
  REQUIRE(second.ok());
  CHECK(second->links.size() == 1);
  CHECK(second->next_page_token.empty());
  CHECK(f.review.List(f.office, {v1::DUPLICATE_LINK_STATE_LINKED, 501, ""}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(f.review.List(f.office, {v1::DUPLICATE_LINK_STATE_LINKED, 0, "nonsense"}).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace hotline::intake
