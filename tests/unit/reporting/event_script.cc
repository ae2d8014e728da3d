#include "tests/unit/reporting/event_script.h"

#include "absl/strings/str_format.h"
#include "hotline/intake/v1/intake.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::reporting {

namespace common = hotline::common::v1;
namespace routing = hotline::routing::v1;
namespace supervision = hotline::supervision::v1;

common::EventEnvelope EventScript::Envelope(const std::string& type,
                                            const google::protobuf::Message& payload) {
  common::EventEnvelope e;
  // A fixed shape of UUID, unique per ticket and event.
  e.set_event_id(
      absl::StrFormat("00000000-0000-4000-8000-%06d%06d", ticket_id_ % 1000000, ++event_seq_));
  e.set_ticket_id(ticket_id_);
  e.set_ticket_number(absl::StrFormat("5301-20261201-%06d", ticket_id_));
  e.set_type(type);
  e.set_ticket_version(++version_);
  *e.mutable_occurred_at() = ToTimestamp(now_);
  e.set_instance_id("5301");
  e.mutable_payload()->PackFrom(payload);
  return e;
}

common::EventEnvelope EventScript::Created(const std::string& region, const std::string& category,
                                           bool minor, int channel, int line, int kind) {
  common::TicketCreated m;
  common::Ticket& t = *m.mutable_ticket();
  t.set_id(ticket_id_);
  t.set_channel(static_cast<common::Channel>(channel));
  t.set_source_line(static_cast<common::SourceLine>(line));
  t.set_kind(static_cast<common::TicketKind>(kind));
  t.set_category(category);
  t.mutable_region()->set_code(region);
  t.mutable_flags()->set_involves_minor(minor);
  t.set_state(common::TICKET_STATE_RECEIVED);
  return Envelope(event_type::kTicketCreated, m);
}

common::EventEnvelope EventScript::State(int from, int to, const std::string& reason) {
  common::TicketStateChanged m;
  m.set_from(static_cast<common::TicketState>(from));
  m.set_to(static_cast<common::TicketState>(to));
  m.set_reason_code(reason);
  return Envelope(event_type::kTicketStateChanged, m);
}

common::EventEnvelope EventScript::Emergency(bool child_chain) {
  hotline::intake::v1::EmergencyReferred m;
  m.set_child_protection_emergency(child_chain);
  return Envelope(event_type::kIntakeEmergencyReferred, m);
}

common::EventEnvelope EventScript::Dispatched(const std::string& lead_unit, int64_t assignment_id,
                                              const std::string& trigger) {
  routing::TicketDispatched m;
  m.set_trigger(trigger);
  routing::Assignment& a = *m.add_assignments();
  a.set_id(assignment_id);
  a.set_unit_id(lead_unit);
  a.set_role(common::ASSIGNMENT_ROLE_LEAD);
  a.set_state(common::ASSIGNMENT_STATE_DISPATCHED);
  routing::Assignment& co = *m.add_assignments();
  co.set_id(assignment_id + 1);
  co.set_unit_id("co-handler");
  co.set_role(common::ASSIGNMENT_ROLE_CO_HANDLER);
  return Envelope(event_type::kRoutingDispatched, m);
}

common::EventEnvelope EventScript::Signed(const std::string& unit, int64_t assignment_id) {
  routing::AssignmentChanged m;
  routing::Assignment& a = *m.mutable_assignment();
  a.set_id(assignment_id);
  a.set_unit_id(unit);
  a.set_role(common::ASSIGNMENT_ROLE_LEAD);
  a.set_state(common::ASSIGNMENT_STATE_SIGNED);
  *a.mutable_signed_at() = ToTimestamp(now_);
  return Envelope(event_type::kRoutingAssignmentChanged, m);
}

common::EventEnvelope EventScript::Returned(const std::string& unit, int64_t assignment_id) {
  routing::AssignmentChanged m;
  routing::Assignment& a = *m.mutable_assignment();
  a.set_id(assignment_id);
  a.set_unit_id(unit);
  a.set_role(common::ASSIGNMENT_ROLE_LEAD);
  a.set_state(common::ASSIGNMENT_STATE_RETURNED);
  return Envelope(event_type::kRoutingAssignmentChanged, m);
}

common::EventEnvelope EventScript::Replied(const std::string& unit) {
  routing::TicketReplied m;
  m.set_lead_unit_id(unit);
  return Envelope(event_type::kRoutingReplied, m);
}

common::EventEnvelope EventScript::ObjectionRaised(const std::string& unit, int64_t assignment_id) {
  routing::ObjectionRaised m;
  m.set_objection_id(assignment_id * 10);
  m.set_assignment_id(assignment_id);
  m.set_unit_id(unit);
  m.set_round(1);
  return Envelope(event_type::kRoutingObjectionRaised, m);
}

common::EventEnvelope EventScript::ObjectionDecided(const std::string& unit, int64_t assignment_id,
                                                    bool upheld) {
  routing::ObjectionDecided m;
  m.set_objection_id(assignment_id * 10);
  m.set_assignment_id(assignment_id);
  m.set_unit_id(unit);
  m.set_round(1);
  m.set_state(upheld ? routing::OBJECTION_STATE_UPHELD : routing::OBJECTION_STATE_REJECTED);
  m.set_failed_dispatches(upheld ? 1 : 0);
  return Envelope(event_type::kRoutingObjectionDecided, m);
}

common::EventEnvelope EventScript::Designated(const std::string& unit, int64_t assignment_id) {
  routing::UnitDesignated m;
  m.set_unit_id(unit);
  m.set_round(4);
  m.set_assignment_id(assignment_id);
  m.set_failed_dispatches(3);
  return Envelope(event_type::kRoutingUnitDesignated, m);
}

common::EventEnvelope EventScript::CallerContacted(const std::string& unit, int64_t assignment_id,
                                                   absl::Duration after, int urgency) {
  routing::CallerContacted m;
  m.set_assignment_id(assignment_id);
  m.set_unit_id(unit);
  m.set_round(1);
  m.set_means(routing::CONTACT_MEANS_PHONE);
  *m.mutable_contacted_at() = ToTimestamp(now_);
  *m.mutable_dispatched_at() = ToTimestamp(now_ - after);
  m.set_urgency(static_cast<common::Urgency>(urgency));
  return Envelope(event_type::kRoutingCallerContacted, m);
}

common::EventEnvelope EventScript::TransferredOut() {
  routing::TransferredOut m;
  m.set_reason_code("routing.outside_jurisdiction");
  return Envelope(event_type::kRoutingTransferredOut, m);
}

common::EventEnvelope EventScript::Forwarded(const std::string& destination) {
  hotline::transfer::v1::TicketForwarded m;
  m.set_destination_instance(destination);
  m.set_reason_code("transfer.to_province");
  m.set_sequence(1);
  return Envelope(event_type::kTransferForwarded, m);
}

common::EventEnvelope EventScript::ReceivedFrom(const std::string& origin) {
  hotline::transfer::v1::TicketReceived m;
  m.set_origin_instance(origin);
  m.set_origin_ticket_number(origin + "-20270105-000001");
  return Envelope(event_type::kTransferReceived, m);
}

common::EventEnvelope EventScript::RemoteUpdate(int change) {
  hotline::transfer::v1::RemoteUpdate m;
  m.set_remote_instance("5303");
  m.set_change(static_cast<hotline::transfer::v1::RemoteChange>(change));
  return Envelope(event_type::kTransferRemoteUpdate, m);
}

common::EventEnvelope EventScript::NeedsManualDispatch(const std::string& reason) {
  hotline::transfer::v1::NeedsManualDispatch m;
  m.set_reason_code(reason);
  return Envelope(event_type::kTransferNeedsManualDispatch, m);
}

common::EventEnvelope EventScript::ClockStarted(supervision::ClockKind kind, absl::Time due,
                                                int64_t assignment_id) {
  supervision::ClocksChanged m;
  supervision::Clock& c = *m.add_clocks();
  c.set_kind(kind);
  c.set_assignment_id(assignment_id);
  c.set_state(supervision::CLOCK_STATE_RUNNING);
  *c.mutable_started_at() = ToTimestamp(now_);
  *c.mutable_due_at() = ToTimestamp(due);
  return Envelope(event_type::kSupervisionClocksChanged, m);
}

common::EventEnvelope EventScript::Step(supervision::EscalationStep step,
                                        supervision::ClockKind kind, const std::string& unit,
                                        int64_t assignment_id) {
  supervision::DeadlineStep m;
  m.set_step(step);
  m.set_unit_id(unit);
  m.mutable_clock()->set_kind(kind);
  m.mutable_clock()->set_assignment_id(assignment_id);
  return Envelope(event_type::kSupervisionDeadlineStep, m);
}

common::EventEnvelope EventScript::Extension(bool approved) {
  supervision::ExtensionDecided m;
  m.mutable_request()->set_state(approved ? supervision::EXTENSION_STATE_APPROVED
                                          : supervision::EXTENSION_STATE_REJECTED);
  return Envelope(event_type::kSupervisionExtensionDecided, m);
}

common::EventEnvelope EventScript::FollowedUp(bool reached, int satisfaction, bool resolved) {
  supervision::FollowedUp m;
  m.set_contact(reached ? supervision::CONTACT_RESULT_REACHED
                        : supervision::CONTACT_RESULT_UNREACHABLE);
  m.set_satisfaction(static_cast<supervision::Satisfaction>(satisfaction));
  m.set_resolved(resolved);
  return Envelope(event_type::kSupervisionFollowedUp, m);
}

}  // namespace hotline::reporting
