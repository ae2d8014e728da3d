#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"

namespace hotline::reporting {

// Writes one ticket's events as the services would emit them, with increasing versions, at times
// the test moves. Only ids and codes: what the event contract lets travel.
class EventScript {
 public:
  EventScript(int64_t ticket_id, absl::Time start) : ticket_id_(ticket_id), now_(start) {}

  // Goes on from a ticket whose first `events` events an earlier script wrote.
  void ContinueAfter(int64_t events) { version_ = event_seq_ = events; }
  void Advance(absl::Duration d) { now_ += d; }
  void At(absl::Time t) { now_ = t; }
  absl::Time now() const { return now_; }

  hotline::common::v1::EventEnvelope Created(const std::string& region, const std::string& category,
                                             bool minor = false, int channel = 1, int line = 1,
                                             int kind = 3);
  hotline::common::v1::EventEnvelope State(int from, int to, const std::string& reason = "");
  hotline::common::v1::EventEnvelope Emergency(bool child_chain);
  hotline::common::v1::EventEnvelope Dispatched(const std::string& lead_unit, int64_t assignment_id,
                                                const std::string& trigger = "initial");
  hotline::common::v1::EventEnvelope Signed(const std::string& unit, int64_t assignment_id);
  hotline::common::v1::EventEnvelope Returned(const std::string& unit, int64_t assignment_id);
  hotline::common::v1::EventEnvelope Replied(const std::string& unit);
  // The objection review (派单异议): raised by the lead, decided by the office, designation.
  hotline::common::v1::EventEnvelope ObjectionRaised(const std::string& unit,
                                                     int64_t assignment_id);
  hotline::common::v1::EventEnvelope ObjectionDecided(const std::string& unit,
                                                      int64_t assignment_id, bool upheld);
  hotline::common::v1::EventEnvelope Designated(const std::string& unit, int64_t assignment_id);
  // The lead's first contact with the caller, `after` the assignment's dispatch, at now().
  hotline::common::v1::EventEnvelope CallerContacted(const std::string& unit, int64_t assignment_id,
                                                     absl::Duration after, int urgency = 1);
  hotline::common::v1::EventEnvelope TransferredOut();
  // Provincial transfer's events (proto/hotline/transfer/v1/transfer_events.proto).
  hotline::common::v1::EventEnvelope Forwarded(const std::string& destination);
  hotline::common::v1::EventEnvelope ReceivedFrom(const std::string& origin);
  hotline::common::v1::EventEnvelope RemoteUpdate(int change);
  hotline::common::v1::EventEnvelope NeedsManualDispatch(const std::string& reason);
  // A running clock of `kind` due at `due` (sign-for clocks name their assignment).
  hotline::common::v1::EventEnvelope ClockStarted(hotline::supervision::v1::ClockKind kind,
                                                  absl::Time due, int64_t assignment_id = 0);
  hotline::common::v1::EventEnvelope Step(hotline::supervision::v1::EscalationStep step,
                                          hotline::supervision::v1::ClockKind kind,
                                          const std::string& unit, int64_t assignment_id = 0);
  hotline::common::v1::EventEnvelope Extension(bool approved);
  hotline::common::v1::EventEnvelope FollowedUp(bool reached, int satisfaction, bool resolved);

 private:
  hotline::common::v1::EventEnvelope Envelope(const std::string& type,
                                              const google::protobuf::Message& payload);

  int64_t ticket_id_;
  int64_t version_ = 0;
  int64_t event_seq_ = 0;
  absl::Time now_;
};

}  // namespace hotline::reporting
