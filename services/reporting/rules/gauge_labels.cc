#include "services/reporting/rules/gauge_labels.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "hotline/common/v1/ticket.pb.h"

namespace hotline::reporting {

std::string StateLabel(int state) {
  namespace common = hotline::common::v1;
  if (!common::TicketState_IsValid(state)) return "unknown";
  std::string name = common::TicketState_Name(static_cast<common::TicketState>(state));
  constexpr absl::string_view kPrefix = "TICKET_STATE_";
  if (absl::StartsWith(name, kPrefix)) name.erase(0, kPrefix.size());
  return absl::AsciiStrToLower(name);
}

std::string TierLabel(int code_digits) {
  switch (code_digits) {
    case 2:
      return "province";
    case 4:
      return "prefecture";
    case 6:
      return "county";
    case 9:
      return "township";
    case 12:
      return "village";
    default:
      return "none";
  }
}

}  // namespace hotline::reporting
