#include "libs/ticketstore/ticket_row.h"

#include <pqxx/binarystring>
#include <stdexcept>

#include "libs/domain/ticket_state.h"
#include "libs/ticketstore/sealed_fields.h"

namespace hotline::ticketstore {

namespace v1 = hotline::common::v1;

const char kTicketColumns[] =
    "id, number, instance_id, channel, source_line, kind, urgency, category, region_code, "
    "address, caller_name, caller_phone, caller_anonymous, caller_confidential, content, "
    "attachments, involves_minor, emergency, state, idempotency_key, "
    "(extract(epoch from created_at) * 1000000)::bigint, "
    "(extract(epoch from updated_at) * 1000000)::bigint, version, sealed";

v1::Ticket TicketFromRow(const pqxx::row& r, const crypto::FieldCipher& cipher) {
  v1::Ticket t;
  t.set_id(r[0].as<int64_t>());
  t.set_number(r[1].as<std::string>());
  t.set_instance_id(r[2].as<std::string>());
  t.set_channel(static_cast<v1::Channel>(r[3].as<int>()));
  t.set_source_line(static_cast<v1::SourceLine>(r[4].as<int>()));
  t.set_kind(static_cast<v1::TicketKind>(r[5].as<int>()));
  t.set_urgency(static_cast<v1::Urgency>(r[6].as<int>()));
  t.set_category(r[7].as<std::string>());
  t.mutable_region()->set_code(r[8].as<std::string>());
  t.set_address(r[9].as<std::string>());
  t.mutable_caller()->set_name(r[10].as<std::string>());
  t.mutable_caller()->set_phone(r[11].as<std::string>());
  t.mutable_caller()->set_anonymous(r[12].as<bool>());
  t.mutable_caller()->set_wants_confidentiality(r[13].as<bool>());
  t.set_content(r[14].as<std::string>());
  if (!r[15].is_null()) {
    v1::Ticket attachments;  // stored as a Ticket holding only its attachments
    pqxx::binarystring bytes(r[15]);
    attachments.ParseFromString(bytes.str());
    *t.mutable_attachments() = attachments.attachments();
  }
  t.mutable_flags()->set_involves_minor(r[16].as<bool>());
  t.mutable_flags()->set_emergency(r[17].as<bool>());
  auto state = domain::TicketStateFromName(r[18].as<std::string>());
  t.set_state(state ? static_cast<v1::TicketState>(*state) : v1::TICKET_STATE_UNSPECIFIED);
  if (!r[19].is_null()) t.set_idempotency_key(r[19].as<std::string>());
  *t.mutable_created_at() = ToTimestamp(absl::FromUnixMicros(r[20].as<int64_t>()));
  *t.mutable_updated_at() = ToTimestamp(absl::FromUnixMicros(r[21].as<int64_t>()));
  t.set_version(r[22].as<int64_t>());
  if (!r[23].is_null()) {
    const pqxx::binarystring sealed(r[23]);
    absl::Status opened =
        OpenTicketFields(cipher, t.id(), absl::string_view(sealed.get(), sealed.size()), t);
    if (!opened.ok()) throw std::runtime_error(std::string(opened.message()));
  }
  return t;
}

v1::Ticket StoredTicket(const v1::Ticket& draft, int64_t id, const std::string& number,
                        const std::string& instance_id, v1::TicketState state, int64_t version,
                        absl::Time now) {
  v1::Ticket t;
  t.set_id(id);
  t.set_number(number);
  t.set_instance_id(instance_id);
  t.set_channel(draft.channel());
  t.set_source_line(draft.source_line());
  t.set_kind(draft.kind());
  t.set_urgency(draft.urgency());
  t.set_category(draft.category());
  t.mutable_region()->set_code(draft.region().code());
  t.set_address(draft.address());
  t.mutable_caller()->set_name(draft.caller().name());
  t.mutable_caller()->set_phone(draft.caller().phone());
  t.mutable_caller()->set_anonymous(draft.caller().anonymous());
  t.mutable_caller()->set_wants_confidentiality(draft.caller().wants_confidentiality());
  t.set_content(draft.content());
  *t.mutable_attachments() = draft.attachments();
  t.mutable_flags()->set_involves_minor(draft.flags().involves_minor());
  t.mutable_flags()->set_emergency(draft.flags().emergency());
  t.set_state(state);
  t.set_idempotency_key(draft.idempotency_key());
  const google::protobuf::Timestamp at = ToTimestamp(now);
  *t.mutable_created_at() = at;
  *t.mutable_updated_at() = at;
  t.set_version(version);
  return t;
}

}  // namespace hotline::ticketstore
