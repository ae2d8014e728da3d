// Provincial transfer's events → counter deltas: sent on, received, the remote side's progress
// and the hand-back to the office, each by its code; routing's hand-over stays apart.
#include <catch2/catch.hpp>

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "tests/unit/reporting/ledger.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace transfer = hotline::transfer::v1;

TEST_CASE("A ticket sent on by provincial transfer, and what the other side reports back") {
  Ledger ledger;
  EventScript s(1, At(2027, 1, 5, 9, 0));
  REQUIRE(ledger.Apply(s.Created("530102", "urban/roads")));
  REQUIRE(ledger.Apply(s.TransferredOut()));
  REQUIRE(ledger.Apply(s.Forwarded("53")));
  REQUIRE(ledger.Apply(s.RemoteUpdate(transfer::REMOTE_CHANGE_ACCEPTED)));
  REQUIRE(ledger.Apply(s.RemoteUpdate(transfer::REMOTE_CHANGE_CLOSED)));
  CHECK(ledger[Counter::kTransferredOut] == 1);
  CHECK(ledger[Counter::kTransferForwarded] == 1);
  CHECK(ledger.Detail(Counter::kTransferForwarded, "53") == 1);
  CHECK(ledger[Counter::kTransferRemoteUpdates] == 2);
  CHECK(ledger.Detail(Counter::kTransferRemoteUpdates, "accepted") == 1);
  CHECK(ledger.Detail(Counter::kTransferRemoteUpdates, "closed") == 1);
  CHECK(ledger.Day(Counter::kTransferForwarded, "2027-01-05") == 1);
}

TEST_CASE("A ticket received from another instance, and one given to the office by hand") {
  Ledger ledger;
  EventScript s(2, At(2027, 1, 5, 9, 0));
  REQUIRE(ledger.Apply(s.Created("5303", "urban/roads", false, common::CHANNEL_TRANSFER)));
  REQUIRE(ledger.Apply(s.ReceivedFrom("5301")));
  REQUIRE(ledger.Apply(s.NeedsManualDispatch("transfer.misdirected")));
  CHECK(ledger[Counter::kTransferredIn] == 1);
  CHECK(ledger[Counter::kTransferReceived] == 1);
  CHECK(ledger.Detail(Counter::kTransferReceived, "5301") == 1);
  CHECK(ledger.Detail(Counter::kTransferManualDispatch, "transfer.misdirected") == 1);
  CHECK(ledger[Counter::kOpen] == 1);  // none of them moves the ticket's state
}

TEST_CASE("Transfer's events are among those reporting consumes") {
  EventScript s(3, At(2027, 1, 5, 9, 0));
  CHECK(CountsEvent(s.Forwarded("53")));
  CHECK(CountsEvent(s.ReceivedFrom("5301")));
  CHECK(CountsEvent(s.RemoteUpdate(transfer::REMOTE_CHANGE_REPLIED)));
  CHECK(CountsEvent(s.NeedsManualDispatch("transfer.outside_province")));
}

}  // namespace
}  // namespace hotline::reporting
