#include "libs/ticketstore/personal_data.h"

#include <catch2/catch.hpp>

#include "hotline/common/v1/event.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;

v1::Ticket FullTicket() {
  v1::Ticket t;
  t.set_id(7);
  t.set_number("5301-20261122-000007");
  t.set_category("minor-protection/abuse");
  t.mutable_region()->set_code("530102");
  t.set_address("五华区某小区3栋");
  t.mutable_caller()->set_name("张三");
  t.mutable_caller()->set_phone("13800138000");
  t.mutable_caller()->set_anonymous(true);
  t.set_content("邻居家的孩子经常被打");
  t.add_attachments()->set_uri("att://photo-1");
  t.mutable_flags()->set_involves_minor(true);
  return t;
}

TEST_CASE("personal fields are found and cleared at any depth, the rest stays", "[personal]") {
  v1::TicketCreated created;
  *created.mutable_ticket() = FullTicket();
  CHECK(HasPersonalData(created));
  StripPersonalData(created);
  CHECK_FALSE(HasPersonalData(created));
  const v1::Ticket& t = created.ticket();
  CHECK(t.address().empty());
  CHECK_FALSE(t.has_caller());
  CHECK(t.content().empty());
  CHECK(t.attachments().empty());
  // Ids, codes, flags: what consumers decide with.
  CHECK(t.id() == 7);
  CHECK(t.number() == "5301-20261122-000007");
  CHECK(t.category() == "minor-protection/abuse");
  CHECK(t.region().code() == "530102");
  CHECK(t.flags().involves_minor());
}

TEST_CASE("repeated messages are cleared one by one", "[personal]") {
  hotline::routing::v1::TicketReplied replied;
  replied.set_lead_unit_id("530102:civil-affairs");
  for (int i = 0; i < 2; ++i) {
    hotline::routing::v1::Assignment* a = replied.add_co_handler_opinions();
    a->set_unit_id("530102001:child-supervisor");
    a->set_reply("协办意见");
    a->set_return_reason("不属于本单位");
  }
  CHECK(HasPersonalData(replied));
  StripPersonalData(replied);
  CHECK_FALSE(HasPersonalData(replied));
  REQUIRE(replied.co_handler_opinions_size() == 2);
  for (const auto& a : replied.co_handler_opinions()) {
    CHECK(a.unit_id() == "530102001:child-supervisor");
    CHECK(a.reply().empty());
    CHECK(a.return_reason().empty());
  }
}

TEST_CASE("a payload without personal fields is left as it is", "[personal]") {
  hotline::supervision::v1::ExtensionDecided decided;
  decided.mutable_request()->set_id(3);
  decided.mutable_request()->set_unit_id("530102-education");
  decided.mutable_request()->set_state(hotline::supervision::v1::EXTENSION_STATE_APPROVED);
  CHECK_FALSE(HasPersonalData(decided));
  decided.mutable_request()->set_reason("来电人出差，需等其回来");
  CHECK(HasPersonalData(decided));
  StripPersonalData(decided);
  CHECK(decided.request().reason().empty());
  CHECK(decided.request().unit_id() == "530102-education");
  CHECK(decided.request().state() == hotline::supervision::v1::EXTENSION_STATE_APPROVED);
}

}  // namespace
}  // namespace hotline::ticketstore
