#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "services/provincial-transfer/rules/topology.h"

namespace hotline::transfer {

// A ticket leaving this instance: routing moved it to TRANSFERRED_OUT.
struct Departure {
  std::string region_code;  // canonical division code of the matter
  std::string category;
  // Why routing let it go: "routing.outside_jurisdiction", "routing.provincial_department",
  // "routing.delegated_to_instance".
  std::string routing_reason_code;
  // The peer this instance received the ticket from; "" for a ticket taken here.
  std::string received_from;
};

// Numbers mirror hotline.transfer.v1.DestinationKind. An open set: a national peer is one more
// peer to forward to, not a new kind.
enum class DestinationKind : int {
  kForward = 1,         // to instance_code
  kHandleHere = 2,      // this instance dispatches it after all
  kManualQueue = 3,     // the hotline office decides; reason_code says why
  kReturnToSender = 4,  // misdirected: back to the instance it came from
};

struct Destination {
  DestinationKind kind = DestinationKind::kManualQueue;
  std::string instance_code;  // kForward, kReturnToSender
  // "transfer.to_province", "transfer.delegated_prefecture", "transfer.industry_line",
  // "transfer.other_jurisdiction", "transfer.outside_province", "transfer.provincial_department",
  // "transfer.prefecture_without_instance", "transfer.misdirected",
  // "transfer.would_return_to_sender", "transfer.no_province_peer", "transfer.unknown_region".
  std::string reason_code;
};

// Where a departing ticket goes (pure: the same topology and departure give the same answer).
//  - A prefecture or an industry line sends everything to the province; a ticket the province
//    sent that is not ours goes back to it (misdirected).
//  - The province sends a matter of an industry line's categories to that line; a place outside
//    the province to the peer whose jurisdiction covers it (a national platform, once there is
//    one), else to its own manual queue ("outside the province"); a provincial department's
//    matter and a place in a prefecture without an instance of its own it handles itself; a
//    place in a prefecture with its own instance goes to that instance.
//  - Nothing is ever sent back where it came from by forwarding: the office decides instead.
Destination DecideDestination(const SelfInstance& self, const Topology& topology,
                              const Departure& departure);

// One line for explanations and logs (no personal data: codes only).
std::string DestinationText(const Destination& destination);

}  // namespace hotline::transfer
