#include "services/provincial-transfer/app/outbound.h"

#include "libs/common/proto_time.h"

namespace hotline::transfer {

v1::PeerEnvelope NewEnvelope(Transaction& tx, const MessageStore& messages, const std::string& self,
                             const std::string& peer, int64_t ticket_id,
                             const std::string& ticket_number, absl::Time now) {
  v1::PeerEnvelope envelope;
  envelope.set_origin_instance(self);
  envelope.set_origin_ticket_number(ticket_number);
  envelope.set_sequence(messages.NextSequence(tx, ticket_id, peer));
  envelope.set_destination_instance(peer);
  *envelope.mutable_sent_at() = ToTimestamp(now);
  return envelope;
}

v1::Supplement SupplementOf(const ticketstore::TicketText& text) {
  v1::Supplement supplement;
  supplement.set_content(text.body);
  *supplement.mutable_written_at() = ToTimestamp(text.written_at);
  for (const auto& a : text.attachments) *supplement.add_attachments() = a;
  return supplement;
}

}  // namespace hotline::transfer
