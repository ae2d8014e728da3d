#include "services/intake/rules/ticket_view.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/intake/rules/request_validation.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

// Keeps the first code point; every other one becomes '*', and at least one is added so that a
// one-character name does not come back whole.
std::string MaskName(std::string_view name) {
  if (name.empty()) return "";
  const unsigned char lead = static_cast<unsigned char>(name[0]);
  const size_t first = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
  const int total = CodePoints(name);
  if (total < 1 || first > name.size()) return "*";  // not text: show nothing of it
  return absl::StrCat(absl::string_view(name.data(), first),
                      std::string(std::max(total - 1, 1), '*'));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return "";
  const std::string canonical = CanonicalPhone(phone);
  if (canonical.size() == 11 && canonical[0] == '1') {
    return absl::StrCat(canonical.substr(0, 3), "****", canonical.substr(7));
  }
  const size_t dash = canonical.find('-');
  if (dash != std::string::npos) {
    // The length of the local number and any extension are hidden too.
    return absl::StrCat(canonical.substr(0, dash), "-********");
  }
  return "***********";  // not a number we know how to read: hide all of it
}

}  // namespace

TicketView ViewOf(ReadAccess access, const common::Ticket& ticket, bool taken_recently) {
  switch (access) {
    case ReadAccess::kFull:
      return TicketView::kFull;
    case ReadAccess::kFullIfTakenRecently:
      return !taken_recently || ticket.flags().involves_minor() ||
                     ticket.caller().wants_confidentiality()
                 ? TicketView::kMasked
                 : TicketView::kFull;
    case ReadAccess::kMasked:
      break;
  }
  return TicketView::kMasked;
}

void MaskPersonalData(common::Ticket& ticket) {
  if (ticket.has_caller()) {
    common::Caller& caller = *ticket.mutable_caller();
    caller.set_name(MaskName(caller.name()));
    caller.set_phone(MaskPhone(caller.phone()));
  }
  if (!ticket.address().empty()) ticket.set_address("***");
  ticket.clear_content();
  ticket.clear_attachments();
}

std::vector<std::string> PersonalFieldsOf(const common::Ticket& ticket) {
  std::vector<std::string> fields;
  if (!ticket.caller().name().empty()) fields.push_back("caller.name");
  if (!ticket.caller().phone().empty()) fields.push_back("caller.phone");
  if (!ticket.address().empty()) fields.push_back("address");
  if (!ticket.content().empty()) fields.push_back("content");
  if (ticket.attachments_size() > 0) fields.push_back("attachments");
  return fields;
}

}  // namespace hotline::intake
