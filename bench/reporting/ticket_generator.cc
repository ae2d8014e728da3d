#include "bench/reporting/ticket_generator.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "hotline/routing/v1/routing.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
namespace {

namespace common = hotline::common::v1;
namespace routing = hotline::routing::v1;
namespace supervision = hotline::supervision::v1;

// Categories of the dispatch catalogue and the county department that leads on each.
struct CategoryUnit {
  const char* category;
  const char* department;
};
constexpr CategoryUnit kCategories[] = {
    {"education/fees", "education"},          {"education/enrolment", "education"},
    {"urban/roads", "urban-management"},      {"urban/noise", "urban-management"},
    {"public-utilities/water", "water"},      {"public-utilities/power", "power"},
    {"labour/wages", "human-resources"},      {"social-security/pension", "human-resources"},
    {"market/consumer", "market-regulation"}, {"housing/property", "housing"},
    {"environment/pollution", "ecology"},     {"minor-protection/neglect", "civil-affairs"},
};

// A stable pseudo-random number for (ticket, salt).
uint64_t Mix(int64_t id, uint64_t salt) {
  uint64_t x = static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull + salt * 0xBF58476D1CE4E5B9ull;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 29;
  return x;
}

// A per-mille draw for (ticket, salt).
int PerMille(int64_t id, uint64_t salt) { return static_cast<int>(Mix(id, salt) % 1000); }

// Appends one event of the ticket, with the next version, at `at`.
class Emitter {
 public:
  Emitter(int64_t ticket_id, std::vector<common::EventEnvelope>& out)
      : ticket_id_(ticket_id), out_(out) {}

  void Emit(const char* type, const google::protobuf::Message& payload, absl::Time at) {
    common::EventEnvelope& e = out_.emplace_back();
    ++version_;
    e.set_event_id(absl::StrFormat("%08x-%04x-4000-8000-%012x",
                                   static_cast<uint32_t>(ticket_id_ >> 16),
                                   static_cast<uint32_t>(ticket_id_ & 0xffff), version_));
    e.set_ticket_id(ticket_id_);
    e.set_ticket_number(absl::StrCat("53-", ticket_id_));
    e.set_type(type);
    e.set_ticket_version(version_);
    *e.mutable_occurred_at() = ToTimestamp(at);
    e.set_instance_id("53");
    e.mutable_payload()->PackFrom(payload);
  }

 private:
  const int64_t ticket_id_;
  std::vector<common::EventEnvelope>& out_;
  int64_t version_ = 0;
};

common::TicketStateChanged Moved(common::TicketState from, common::TicketState to,
                                 const std::string& reason = "") {
  common::TicketStateChanged m;
  m.set_from(from);
  m.set_to(to);
  m.set_reason_code(reason);
  return m;
}

}  // namespace

Province LoadProvince(const std::string& divisions_dir, const std::string& province_code) {
  const std::string path = divisions_dir + "/areas.csv";
  std::ifstream in(path);
  if (!in) support::Fail(absl::StrCat("cannot read ", path));
  Province province{province_code, {}};
  std::string line;
  std::getline(in, line);  // header: code,name,cityCode,provinceCode
  while (std::getline(in, line)) {
    std::vector<std::string> cols = absl::StrSplit(line, ',');
    if (cols.size() >= 4 && cols.back() == province_code) province.counties.push_back(cols[0]);
  }
  if (province.counties.empty()) {
    support::Fail(absl::StrCat("no county of province ", province_code, " in ", path));
  }
  return province;
}

GeneratedTicket TicketGenerator::Ticket(int64_t id) const {
  GeneratedTicket t;
  t.id = id;
  // Busier places: a quarter of the tickets come from the first eighth of the counties.
  const size_t n = province_.counties.size();
  const size_t county =
      PerMille(id, 1) < 250 ? Mix(id, 2) % std::max<size_t>(1, n / 8) : Mix(id, 2) % n;
  t.region_code = province_.counties[county];
  t.category = kCategories[Mix(id, 3) % std::size(kCategories)].category;
  t.kind = 1 + static_cast<int>(Mix(id, 4) % 3);
  t.channel = PerMille(id, 5) < 800 ? common::CHANNEL_PHONE : common::CHANNEL_WEB;
  t.line = PerMille(id, 6) < 20 ? common::SOURCE_LINE_12349 : common::SOURCE_LINE_12345;
  t.urgency = PerMille(id, 7) < 100 ? common::URGENCY_URGENT : common::URGENCY_NORMAL;
  t.involves_minor = t.line == common::SOURCE_LINE_12349 || PerMille(id, 8) < 30;
  const absl::Duration year = absl::Hours(24 * 365);
  t.created_at =
      year_start_ + year * (static_cast<double>(id - 1) / std::max<int64_t>(1, tickets_));
  return t;
}

std::vector<common::EventEnvelope> TicketGenerator::Events(const GeneratedTicket& ticket) const {
  return EventsAt(ticket, ticket.created_at);
}

std::vector<common::EventEnvelope> TicketGenerator::EventsAt(GeneratedTicket t,
                                                             absl::Time at) const {
  std::vector<common::EventEnvelope> out;
  out.reserve(9);
  Emitter emit(t.id, out);
  const int64_t id = t.id;

  common::TicketCreated created;
  common::Ticket& ct = *created.mutable_ticket();
  ct.set_id(id);
  ct.set_channel(static_cast<common::Channel>(t.channel));
  ct.set_source_line(static_cast<common::SourceLine>(t.line));
  ct.set_kind(static_cast<common::TicketKind>(t.kind));
  ct.set_urgency(static_cast<common::Urgency>(t.urgency));
  ct.set_category(t.category);
  ct.mutable_region()->set_code(t.region_code);
  ct.mutable_flags()->set_involves_minor(t.involves_minor);
  ct.set_state(common::TICKET_STATE_RECEIVED);
  emit.Emit(event_type::kTicketCreated, created, at);

  const int fate = PerMille(id, 10);
  at += absl::Minutes(5);
  if (fate < 50) {
    emit.Emit(event_type::kTicketStateChanged,
              Moved(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_NOT_ACCEPTED,
                    "scope.not_accepted.litigation"),
              at);
    return out;
  }
  supervision::FollowedUp followed;
  followed.set_contact(supervision::CONTACT_RESULT_REACHED);
  followed.set_satisfaction(static_cast<supervision::Satisfaction>(1 + Mix(id, 11) % 5));
  followed.set_resolved(PerMille(id, 12) < 800);
  if (fate < 150) {
    emit.Emit(event_type::kTicketStateChanged,
              Moved(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_ANSWERED), at);
    emit.Emit(event_type::kSupervisionFollowedUp, followed, at + absl::Hours(26));
    return out;
  }
  emit.Emit(event_type::kTicketStateChanged,
            Moved(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_PENDING_DISPATCH), at);

  const std::string unit =
      absl::StrCat(t.region_code, "-", kCategories[Mix(id, 3) % std::size(kCategories)].department);
  const int64_t assignment = id * 4;
  at += absl::Minutes(2);
  const absl::Time dispatched_at = at;
  routing::TicketDispatched dispatched;
  dispatched.set_trigger("initial");
  routing::Assignment& lead = *dispatched.add_assignments();
  lead.set_id(assignment);
  lead.set_unit_id(unit);
  lead.set_role(common::ASSIGNMENT_ROLE_LEAD);
  lead.set_state(common::ASSIGNMENT_STATE_DISPATCHED);
  *lead.mutable_dispatched_at() = ToTimestamp(at);
  emit.Emit(event_type::kRoutingDispatched, dispatched, at);

  at += absl::Minutes(30 + Mix(id, 13) % 600);
  routing::AssignmentChanged signed_for;
  routing::Assignment& sa = *signed_for.mutable_assignment();
  sa = lead;
  sa.set_state(common::ASSIGNMENT_STATE_SIGNED);
  *sa.mutable_signed_at() = ToTimestamp(at);
  emit.Emit(event_type::kRoutingAssignmentChanged, signed_for, at);

  // Nine in ten reach the caller within the day.
  at += PerMille(id, 14) < 900 ? absl::Minutes(Mix(id, 15) % 600) : absl::Hours(30);
  routing::CallerContacted contacted;
  contacted.set_assignment_id(assignment);
  contacted.set_unit_id(unit);
  contacted.set_round(1);
  contacted.set_means(routing::CONTACT_MEANS_PHONE);
  *contacted.mutable_contacted_at() = ToTimestamp(at);
  *contacted.mutable_dispatched_at() = ToTimestamp(dispatched_at);
  contacted.set_urgency(static_cast<common::Urgency>(t.urgency));
  emit.Emit(event_type::kRoutingCallerContacted, contacted, at);

  at += absl::Hours(24 + Mix(id, 16) % 96);
  routing::TicketReplied replied;
  replied.set_lead_unit_id(unit);
  emit.Emit(event_type::kRoutingReplied, replied, at);
  at += absl::Hours(2);
  emit.Emit(event_type::kTicketStateChanged,
            Moved(common::TICKET_STATE_REPLIED, common::TICKET_STATE_CLOSED), at);
  emit.Emit(event_type::kSupervisionFollowedUp, followed, at + absl::Hours(24));
  return out;
}

}  // namespace hotline::bench
