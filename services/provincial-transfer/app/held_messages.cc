#include "services/provincial-transfer/app/held_messages.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <algorithm>

#include "libs/common/log.h"

namespace hotline::transfer {

HeldMessages::HeldMessages(TransactionRunner& transactions, const MessageStore& messages,
                           const Clock& clock, absl::Duration hold, prometheus::Registry* registry)
    : transactions_(transactions), messages_(messages), clock_(clock), hold_(hold) {
  if (registry == nullptr) return;
  parked_ = &prometheus::BuildCounter()
                 .Name("hotline_transfer_inbox_parked_total")
                 .Help("Messages from peers parked after waiting too long for their predecessor")
                 .Register(*registry)
                 .Add({});
}

HeldMessages::~HeldMessages() { Stop(); }

absl::StatusOr<int> HeldMessages::ParkOverdue() {
  absl::StatusOr<int> parked =
      transactions_.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
        return messages_.ParkHeld(tx, clock_.Now() - hold_);
      });
  if (parked.ok() && *parked > 0) {
    if (parked_ != nullptr) parked_->Increment(*parked);
    log::Warning("transfer parked messages whose predecessor did not arrive",
                 {{"parked", *parked}});
  }
  return parked;
}

void HeldMessages::Start() {
  thread_ = std::thread([this] {
    const absl::Duration every = std::min(hold_ / 4, absl::Seconds(10));
    while (!stop_.WaitForNotificationWithTimeout(every)) ParkOverdue().IgnoreError();
  });
}

void HeldMessages::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hotline::transfer
