#pragma once

#include <google/protobuf/message.h>

namespace hotline::ticketstore {

// Fields marked [(hotline.common.v1.personal) = true] (proto/hotline/common/v1/personal_data.proto)
// hold personal data or free text. These two keep them off the event stream.

// True when `message` has a personal field set, at any depth.
bool HasPersonalData(const google::protobuf::Message& message);

// Clears every personal field of `message`, at any depth; everything else stays.
void StripPersonalData(google::protobuf::Message& message);

}  // namespace hotline::ticketstore
