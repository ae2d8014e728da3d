#include "services/intake/api/ticket_access.h"

#include <catch2/catch.hpp>
#include <string>

#include "absl/status/status.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

enum class Sensitivity { kMinor, kConfidential, kNeither };
enum class Outcome { kFull, kMasked, kDenied };

common::Ticket TicketIn(const std::string& region, Sensitivity sensitivity) {
  common::Ticket t;
  t.set_number("5301-20261122-000123");
  t.mutable_region()->set_code(region);
  t.mutable_flags()->set_involves_minor(sensitivity == Sensitivity::kMinor);
  t.mutable_caller()->set_wants_confidentiality(sensitivity == Sensitivity::kConfidential);
  return t;
}

Outcome OutcomeOf(const absl::StatusOr<TicketView>& view) {
  if (!view.ok()) {
    // A role that may not read is told so; a ticket out of reach is as if it did not exist.
    CHECK((view.status().code() == absl::StatusCode::kPermissionDenied ||
           view.status().code() == absl::StatusCode::kNotFound));
    return Outcome::kDenied;
  }
  return *view == TicketView::kFull ? Outcome::kFull : Outcome::kMasked;
}

service::Principal Caller(common::Role role, const std::string& jurisdiction) {
  service::Principal p;
  p.role = role;
  p.name = "credential-1";
  p.jurisdiction = jurisdiction;
  return p;
}

TEST_CASE("the access policy by role and sensitivity and jurisdiction", "[ticket_access]") {
  using S = Sensitivity;
  using O = Outcome;
  auto [role, sensitivity, inside, expected] =
      GENERATE(table<common::Role, Sensitivity, bool, Outcome>({
          {common::ROLE_SUPERVISOR, S::kMinor, true, O::kFull},
          {common::ROLE_SUPERVISOR, S::kConfidential, true, O::kFull},
          {common::ROLE_SUPERVISOR, S::kNeither, true, O::kFull},
          {common::ROLE_SUPERVISOR, S::kMinor, false, O::kDenied},
          {common::ROLE_SUPERVISOR, S::kConfidential, false, O::kDenied},
          {common::ROLE_SUPERVISOR, S::kNeither, false, O::kDenied},
          {common::ROLE_FRONTEND, S::kMinor, true, O::kMasked},
          {common::ROLE_FRONTEND, S::kConfidential, true, O::kMasked},
          {common::ROLE_FRONTEND, S::kNeither, true, O::kMasked},  // full only for its taker
          {common::ROLE_FRONTEND, S::kMinor, false, O::kDenied},
          {common::ROLE_FRONTEND, S::kConfidential, false, O::kDenied},
          {common::ROLE_FRONTEND, S::kNeither, false, O::kDenied},
          {common::ROLE_PROVINCE, S::kMinor, true, O::kMasked},
          {common::ROLE_PROVINCE, S::kConfidential, true, O::kMasked},
          {common::ROLE_PROVINCE, S::kNeither, true, O::kMasked},
          {common::ROLE_PROVINCE, S::kMinor, false, O::kDenied},
          {common::ROLE_PROVINCE, S::kConfidential, false, O::kDenied},
          {common::ROLE_PROVINCE, S::kNeither, false, O::kDenied},
          {common::ROLE_ADMIN, S::kMinor, true, O::kMasked},
          {common::ROLE_ADMIN, S::kConfidential, true, O::kMasked},
          {common::ROLE_ADMIN, S::kNeither, true, O::kMasked},
          {common::ROLE_ADMIN, S::kMinor, false, O::kDenied},
          {common::ROLE_ADMIN, S::kConfidential, false, O::kDenied},
          {common::ROLE_ADMIN, S::kNeither, false, O::kDenied},
          {common::ROLE_UNIT, S::kMinor, true, O::kDenied},
          {common::ROLE_UNIT, S::kConfidential, true, O::kDenied},
          {common::ROLE_UNIT, S::kNeither, true, O::kDenied},
          {common::ROLE_UNIT, S::kMinor, false, O::kDenied},
          {common::ROLE_UNIT, S::kConfidential, false, O::kDenied},
          {common::ROLE_UNIT, S::kNeither, false, O::kDenied},
          {common::ROLE_REPORTING, S::kMinor, true, O::kDenied},
          {common::ROLE_REPORTING, S::kConfidential, true, O::kDenied},
          {common::ROLE_REPORTING, S::kNeither, true, O::kDenied},
          {common::ROLE_REPORTING, S::kMinor, false, O::kDenied},
          {common::ROLE_REPORTING, S::kConfidential, false, O::kDenied},
          {common::ROLE_REPORTING, S::kNeither, false, O::kDenied},
          {common::ROLE_UNSPECIFIED, S::kNeither, true, O::kDenied},
      }));
  // Kunming's Wuhua district inside Kunming; Baotou outside it.
  const common::Ticket ticket = TicketIn(inside ? "530102" : "1502", sensitivity);
  INFO(common::Role_Name(role) << " sensitivity " << static_cast<int>(sensitivity)
                               << (inside ? " inside" : " outside"));
  CHECK(OutcomeOf(ViewFor(Caller(role, "5301"), ticket)) == expected);
}

TEST_CASE("jurisdiction is a prefix at segment boundaries", "[ticket_access]") {
  auto [jurisdiction, region, allowed] = GENERATE(table<std::string, std::string, bool>({
      {"", "530102", true},  // nationwide
      {"53", "530102001001", true},
      {"5301", "5301", true},
      {"530100", "530102", true},  // a padded jurisdiction means the same
      {"530102", "5301", false},   // the enclosing prefecture is not inside a county
      {"5301", "5302", false},
      {"53", "15", false},
      {"5301", "53010", false},  // not a division code
      {"5301", "", false},
      {"5301", "530001", false},
      {"not-a-code", "530102", false},  // a malformed scope grants nothing
  }));
  INFO(jurisdiction << " reads " << region);
  const common::Ticket ticket = TicketIn(region, Sensitivity::kNeither);
  CHECK((OutcomeOf(ViewFor(Caller(common::ROLE_SUPERVISOR, jurisdiction), ticket)) ==
         Outcome::kFull) == allowed);
}

TEST_CASE("denials carry no personal data", "[ticket_access]") {
  common::Ticket ticket = TicketIn("1502", Sensitivity::kNeither);
  ticket.mutable_caller()->set_name("张三");
  ticket.mutable_caller()->set_phone("13812345678");
  for (common::Role role : {common::ROLE_FRONTEND, common::ROLE_UNIT}) {
    const absl::StatusOr<TicketView> view = ViewFor(Caller(role, "5301"), ticket);
    REQUIRE_FALSE(view.ok());
    CHECK_THAT(std::string(view.status().message()), !Catch::Contains("张三"));
    CHECK_THAT(std::string(view.status().message()), !Catch::Contains("1381"));
  }
}

TEST_CASE("names keep their first character", "[ticket_access]") {
  auto [name, masked] = GENERATE(table<std::string, std::string>({
      {"张三", "张*"},
      {"李小明", "李**"},
      {"欧阳娜娜", "欧***"},
      {"王", "王*"},  // never shown whole
      {"Li Lei", "L*****"},
      {"", ""},
      {"\xe5\xbc", "*"},  // not UTF-8: nothing of it shown
  }));
  common::Ticket t = TicketIn("5301", Sensitivity::kNeither);
  t.mutable_caller()->set_name(name);
  MaskPersonalData(t);
  CHECK(t.caller().name() == masked);
}

TEST_CASE("phones keep only what identifies no one", "[ticket_access]") {
  auto [phone, masked] = GENERATE(table<std::string, std::string>({
      {"13812345678", "138****5678"},
      {"+86 138-1234-5678", "138****5678"},
      {"0871-65551234", "0871-********"},
      {"010-12345678", "010-********"},
      {"0472-5551234", "0472-********"},
      {"0871-65551234-123", "0871-********"},
      {"", ""},
      {"12345", "***********"},
  }));
  common::Ticket t = TicketIn("5301", Sensitivity::kNeither);
  t.mutable_caller()->set_phone(phone);
  MaskPersonalData(t);
  CHECK(t.caller().phone() == masked);
}

TEST_CASE("masking clears content and attachments and leaves the rest", "[ticket_access]") {
  common::Ticket t = TicketIn("530102", Sensitivity::kMinor);
  t.set_id(42);
  t.set_category("minor-protection/abuse");
  t.set_state(common::TICKET_STATE_DISPATCHED);
  t.set_version(3);
  t.set_address("五华区某小区3栋");
  t.set_content("孩子被打");
  t.add_attachments()->set_uri("oss://bucket/photo.jpg");
  t.mutable_caller()->set_name("欧阳娜娜");
  t.mutable_caller()->set_phone("13812345678");
  t.mutable_caller()->set_anonymous(false);

  common::Ticket expected = t;
  expected.set_address("***");
  expected.clear_content();
  expected.clear_attachments();
  expected.mutable_caller()->set_name("欧***");
  expected.mutable_caller()->set_phone("138****5678");

  MaskPersonalData(t);
  CHECK(t.SerializeAsString() == expected.SerializeAsString());
}

TEST_CASE("masking leaves empty fields empty", "[ticket_access]") {
  common::Ticket t = TicketIn("5301", Sensitivity::kNeither);
  t.mutable_caller()->set_anonymous(true);
  MaskPersonalData(t);
  CHECK(t.caller().name().empty());
  CHECK(t.caller().phone().empty());
  CHECK(t.address().empty());
  CHECK(t.caller().anonymous());

  common::Ticket bare;
  MaskPersonalData(bare);
  CHECK_FALSE(bare.has_caller());
  CHECK(bare.address().empty());
}

}  // namespace
}  // namespace hotline::intake
