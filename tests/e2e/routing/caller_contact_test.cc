// RecordCallerContact over gRPC: the lead's own assignment only (another unit's is NOT_FOUND),
// the first contact reported once as routing.caller_contacted, every contact recorded.
#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "tests/e2e/routing/routing_fixture.h"

namespace hotline::routing::testing {
namespace {

namespace v1 = hotline::routing::v1;

grpc::Status Contact(RoutingFixture& f, const std::string& unit, int64_t id, v1::ContactMeans means,
                     v1::RecordCallerContactResponse* out) {
  v1::RecordCallerContactRequest r;
  r.set_assignment_id(id);
  r.set_means(means);
  return f.routing().RecordCallerContact(RoutingFixture::As(f.UnitToken(unit)).get(), r, out);
}

TEST_CASE("the lead records its contacts with the caller, the first reported once", "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForState(number, "DISPATCHED");
  const int64_t lead = f.AssignmentOf(number, "530102-education").id();
  const int64_t co = f.AssignmentOf(number, "530102-civil-affairs").id();
  const std::string events = absl::StrCat(
      "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
      "WHERE t.number = '",
      number, "' AND e.type = 'routing.caller_contacted'");

  v1::RecordCallerContactResponse response;
  CHECK(Contact(f, "530102-civil-affairs", lead, v1::CONTACT_MEANS_PHONE, &response).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  CHECK(Contact(f, "530102-education", lead + 100000, v1::CONTACT_MEANS_PHONE, &response)
            .error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(Contact(f, "530102-civil-affairs", co, v1::CONTACT_MEANS_PHONE, &response).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(
      Contact(f, "530102-education", lead, v1::CONTACT_MEANS_UNSPECIFIED, &response).error_code() ==
      grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.Count(events) == 0);

  grpc::Status first = Contact(f, "530102-education", lead, v1::CONTACT_MEANS_PHONE, &response);
  INFO(first.error_message());
  REQUIRE(first.ok());
  CHECK(response.first_of_round());
  CHECK(response.contact().assignment_id() == lead);
  CHECK(response.contact().means() == v1::CONTACT_MEANS_PHONE);
  CHECK(f.Count(events) == 1);

  REQUIRE(Contact(f, "530102-education", lead, v1::CONTACT_MEANS_VISIT, &response).ok());
  CHECK_FALSE(response.first_of_round());
  CHECK(f.Count(events) == 1);
  CHECK(f.Count(absl::StrCat("SELECT count(*) FROM routing_caller_contacts WHERE assignment_id = ",
                             lead)) == 2);
}

}  // namespace
}  // namespace hotline::routing::testing
