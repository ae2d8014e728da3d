#include "libs/ticketstore/personal_data.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <vector>

#include "hotline/common/v1/personal_data.pb.h"

namespace hotline::ticketstore {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsPersonal(const FieldDescriptor* field) {
  return field->options().GetExtension(hotline::common::v1::personal);
}

bool IsMessage(const FieldDescriptor* field) {
  return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
}

}  // namespace

bool HasPersonalData(const Message& message) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);  // only the fields that are set
  for (const FieldDescriptor* field : fields) {
    if (IsPersonal(field)) return true;
    if (!IsMessage(field)) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        if (HasPersonalData(reflection->GetRepeatedMessage(message, field, i))) return true;
      }
    } else if (HasPersonalData(reflection->GetMessage(message, field))) {
      return true;
    }
  }
  return false;
}

void StripPersonalData(Message& message) {
  const Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (IsPersonal(field)) {
      reflection->ClearField(&message, field);
    } else if (IsMessage(field) && field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        StripPersonalData(*reflection->MutableRepeatedMessage(&message, field, i));
      }
    } else if (IsMessage(field)) {
      StripPersonalData(*reflection->MutableMessage(&message, field));
    }
  }
}

}  // namespace hotline::ticketstore
