// ListAuditTrail's use case on a fake store: the reader's jurisdiction always bounds the query,
// pages follow each other, bad input names its field.
#include "services/intake/app/audit_trail.h"

#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "tests/unit/intake/fakes/use_case_fixture.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
using testing::UseCaseFixture;

// Three entries, newest first; remembers the last filter asked.
class FakeTrail final : public AuditTrailStore {
 public:
  std::vector<AuditRow> List(Transaction&, const AuditFilter& filter, const AuditCursor* after,
                             int limit) const override {
    asked = filter;
    std::vector<AuditRow> out;
    for (int i = 3; i >= 1 && static_cast<int>(out.size()) < limit; --i) {
      if (after != nullptr && i >= after->ticket_id) continue;
      AuditRow row;
      row.cursor = {absl::FromUnixSeconds(1000 + i), i, "read", "console|" + std::to_string(i)};
      row.entry.set_actor(row.cursor.actor);
      out.push_back(row);
    }
    return out;
  }
  mutable AuditFilter asked;
};

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST_CASE("the audit trail is bounded by the reader's jurisdiction and pages in order",
          "[audit_trail]") {
  UseCaseFixture f;
  FakeTrail store;
  AuditTrail trail(f.transactions, store);
  const common::Actor office = UseCaseFixture::Actor("5301", common::ROLE_SUPERVISOR);

  AuditTrailQuery query;
  query.actor = "console-03";
  query.page_size = 2;
  auto first = trail.List(office, query);
  REQUIRE(first.ok());
  CHECK(store.asked.jurisdiction == "5301");
  CHECK(store.asked.actor == "console-03");
  REQUIRE(first->entries.size() == 2);
  CHECK(first->entries[0].actor() == "console|3");
  REQUIRE_FALSE(first->next_page_token.empty());

  query.page_token = first->next_page_token;
  auto second = trail.List(office, query);
  REQUIRE(second.ok());
  REQUIRE(second->entries.size() == 1);
  CHECK(second->entries[0].actor() == "console|1");
  CHECK(second->next_page_token.empty());
}

TEST_CASE("the audit trail names every bad field", "[audit_trail]") {
  UseCaseFixture f;
  FakeTrail store;
  AuditTrail trail(f.transactions, store);
  AuditTrailQuery query;
  query.ticket_number = std::string(41, '1');
  query.from = absl::FromUnixSeconds(2000);
  query.to = absl::FromUnixSeconds(1000);
  query.page_size = 501;
  query.page_token = "garbage";
  CHECK(Fields(trail.List(UseCaseFixture::Actor("53", common::ROLE_SUPERVISOR), query).status()) ==
        std::vector<std::string>{"ticket_number", "to", "page_size", "page_token"});
}

}  // namespace
}  // namespace hotline::intake
