#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/calendar_table/calendar_cache.h"
#include "libs/common/clock.h"
#include "libs/common/field_violations.h"
#include "services/routing/app/directory_cache.h"
#include "services/routing/app/dispatcher.h"
#include "services/routing/app/objection_review.h"
#include "services/routing/app/return_window.h"
#include "services/routing/app/unit_workflow.h"
#include "tests/support/fake_ticket_store.h"
#include "tests/support/fake_transaction.h"
#include "tests/unit/routing/fake_directory_store.h"
#include "tests/unit/routing/fake_grant_store.h"
#include "tests/unit/routing/fake_objection_store.h"
#include "tests/unit/routing/fake_routing_stores.h"

namespace hotline::testing {

// The calendars of deploy/calendars/ as supervision_calendars holds them ("standard").
class FileCalendarTable final : public calendar::CalendarTable {
 public:
  absl::StatusOr<std::optional<std::string>> Text(Transaction&,
                                                  absl::string_view code) const override;
};

// A prefecture instance (Kunming, 5301) with routing's use cases on fakes. Its directory:
//   Wuhua (530102, an urban district): education, civil-affairs, public-security; the street
//   530102001 (child supervisor) and its community 530102001001 (child director);
//   the city (5301): education, civil-affairs, minor-protection-centre.
// Its catalogue: "education/school" → county education (lead) + civil-affairs (co-handler);
//   "education" → prefecture education; "traffic" → county public-security.
class RoutingWorld {
 public:
  RoutingWorld();

  // A ticket in `state` at `region` about `category`, as intake leaves it.
  hotline::common::v1::Ticket PutTicket(hotline::common::v1::TicketState state,
                                        const std::string& category = "education/school",
                                        const std::string& region = "530102");
  // Dispatches `ticket` (PENDING_DISPATCH) by the catalogue, as the event consumer does.
  std::vector<hotline::routing::v1::Assignment> Dispatch(const hotline::common::v1::Ticket& ticket);

  static hotline::common::v1::Actor Unit(const std::string& unit_id);
  static hotline::common::v1::Actor Office(const std::string& jurisdiction = "5301");

  hotline::common::v1::TicketState StateOf(int64_t ticket_id);
  // The assignment of `unit_id` in the ticket's latest round.
  hotline::routing::v1::Assignment AssignmentOf(int64_t ticket_id, const std::string& unit_id);

  FakeClock clock{absl::FromUnixSeconds(1767225600)};  // 2026-01-01 UTC
  FakeTransactionRunner transactions;
  FakeTicketStore tickets{"5301", clock};
  FakeManualQueueStore queue;
  FakeAssignmentStore assignments{queue};
  FakeDecisionStore decisions;
  FakeActiveUnitStore units;
  FakeAuditStore audit;
  FakeGrantStore grants;
  FakeDirectorySource source;
  routing::DirectoryCache directory{source, clock, absl::Seconds(1), nullptr};
  routing::RoutingStores stores{tickets, assignments, decisions, queue, units};
  routing::Dispatcher dispatcher{stores, directory, clock, "5301", nullptr};
  FakeObjectionStore objections{assignments};
  FileCalendarTable calendar_table;
  calendar::CalendarCache calendars{calendar_table};
  routing::ReturnWindows windows{objections, calendars};

  // The unit's and the office's sides of a return, on this world.
  routing::UnitWorkflow UnitSide() {
    return routing::UnitWorkflow(transactions, dispatcher, objections, windows, clock);
  }
  routing::ObjectionReview Review() {
    return routing::ObjectionReview(transactions, dispatcher, objections, calendars, clock);
  }
};

// The fields an INVALID_ARGUMENT status names.
std::vector<std::string> ViolatedFields(const absl::Status& status);

}  // namespace hotline::testing
