// The event contract has two faces that must say the same: the proto catalogue
// (hotline.common.v1.EventType, for every language) and libs/domain/event_types.h (for C++).
#include <google/protobuf/descriptor.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "hotline/common/v1/event.pb.h"
#include "hotline/common/v1/event_types.pb.h"
#include "hotline/intake/v1/intake.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/domain/event_types.h"

namespace hotline::event_type {
namespace {

namespace v1 = hotline::common::v1;
using google::protobuf::DescriptorPool;

// Each service's payloads live in its own proto file; naming one message of each links the file
// into this binary, so the generated pool knows every payload.
void LinkPayloadFiles() {
  (void)v1::TicketCreated::descriptor();
  (void)hotline::intake::v1::EmergencyReferred::descriptor();
  (void)hotline::routing::v1::TicketDispatched::descriptor();
  (void)hotline::supervision::v1::ClocksChanged::descriptor();
  (void)hotline::transfer::v1::TicketForwarded::descriptor();
}

TEST_CASE("every catalogued event type is in the header with the same payload", "[events]") {
  LinkPayloadFiles();
  const google::protobuf::EnumDescriptor* types = v1::EventType_descriptor();
  std::set<std::string> in_proto;
  for (int i = 0; i < types->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = types->value(i);
    if (value->number() == 0) continue;
    const std::string& name = value->options().GetExtension(v1::event_name);
    const std::string& payload = value->options().GetExtension(v1::event_payload);
    INFO(value->name());
    REQUIRE_FALSE(name.empty());
    CHECK(in_proto.insert(name).second);  // no name twice
    const EventTypeInfo* info = FindEventType(name);
    REQUIRE(info != nullptr);
    CHECK(info->payload == payload);
    CHECK(DescriptorPool::generated_pool()->FindMessageTypeByName(payload) != nullptr);
  }
  CHECK(in_proto.size() == AllEventTypes().size());
}

TEST_CASE("every event type of the header is in the proto catalogue", "[events]") {
  LinkPayloadFiles();
  const google::protobuf::EnumDescriptor* types = v1::EventType_descriptor();
  for (const EventTypeInfo& info : AllEventTypes()) {
    INFO(info.type);
    bool found = false;
    for (int i = 0; i < types->value_count(); ++i) {
      found = found || types->value(i)->options().GetExtension(v1::event_name) == info.type;
    }
    CHECK(found);
    CHECK(DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(info.payload)) !=
          nullptr);
  }
  CHECK(FindEventType("ticket.made_up") == nullptr);
}

}  // namespace
}  // namespace hotline::event_type
