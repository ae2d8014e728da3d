#include "services/provincial-transfer/app/minor_push.h"

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "services/provincial-transfer/rules/delivery_rules.h"
#include "services/provincial-transfer/rules/minor_figures.h"

namespace hotline::transfer {

MinorPushing::MinorPushing(TransactionRunner& transactions, const MinorReportStore& store,
                           MinorFiguresSource* source, TopologyCache& topology, const Clock& clock,
                           const SelfInstance& self, const MinorPushOptions& options)
    : transactions_(transactions),
      store_(store),
      source_(source),
      topology_(topology),
      clock_(clock),
      self_(self),
      options_(options) {}

MinorPushing::~MinorPushing() { Stop(); }

absl::StatusOr<QueuedMinorPush> MinorPushing::PushMonth(const std::string& month) {
  absl::StatusOr<absl::CivilMonth> parsed = ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  if (self_.role != InstanceRole::kPrefecture) {
    return absl::FailedPreconditionError("only a prefecture's instance pushes monthly figures");
  }
  if (source_ == nullptr) {
    return absl::FailedPreconditionError(
        "no reporting service to take the figures from (--reporting_addr)");
  }
  if (absl::Status ended = CheckMonthEnded(*parsed, clock_.Now(), ShanghaiTime()); !ended.ok()) {
    return ended;
  }
  absl::StatusOr<v1::MinorMonthFigures> figures = source_->Fetch(FormatMonth(*parsed));
  if (!figures.ok()) return figures.status();
  figures->set_prefecture_code(self_.code);
  figures->set_month(FormatMonth(*parsed));
  MinorPush push;
  push.month = figures->month();
  push.content_digest = MinorFiguresDigest(*figures);
  push.figures = figures->SerializeAsString();
  absl::StatusOr<bool> queued =
      transactions_.RunFor<bool>([&](Transaction& tx) -> absl::StatusOr<bool> {
        return store_.QueuePush(tx, push, clock_.Now());
      });
  if (!queued.ok()) return queued.status();
  hotline::log::Info("monthly minor-protection figures",
                     {{"month", push.month}, {"queued", *queued ? "yes" : "same"}});
  return QueuedMinorPush{*queued, push.content_digest};
}

absl::Status MinorPushing::RunSchedule() {
  if (self_.role != InstanceRole::kPrefecture || source_ == nullptr) return absl::OkStatus();
  const std::string due =
      FormatMonth(DueMinorMonth(options_.schedule, clock_.Now(), ShanghaiTime()));
  absl::StatusOr<bool> pushed = transactions_.RunFor<bool>(
      [&](Transaction& tx) -> absl::StatusOr<bool> { return store_.HasPush(tx, due); });
  if (!pushed.ok()) return pushed.status();
  if (*pushed) return absl::OkStatus();
  return PushMonth(due).status();  // reporting away: tried again at the next round
}

absl::StatusOr<const PeerConfig*> MinorPushing::Province(const Topology& topology) const {
  for (const PeerConfig& peer : topology.peers) {
    if (peer.role == InstanceRole::kProvince) return &peer;
  }
  return absl::UnavailableError("no province among the peers");
}

absl::Time MinorPushing::NextAttempt(const RetryBounds& bounds, int attempts) {
  absl::MutexLock lock(&random_mu_);
  const double unit = std::uniform_real_distribution<double>(0, 1)(random_);
  return clock_.Now() + RetryDelay(bounds, attempts, unit);
}

absl::StatusOr<int> MinorPushing::SendDue() {
  if (transport_ == nullptr) return 0;
  absl::StatusOr<std::shared_ptr<const Topology>> topology = topology_.Current();
  if (!topology.ok()) return topology.status();
  // The rows stay locked while they are sent, so that another replica does not send them too
  // (harmless, the province keeps one row per content, but useless); a month has a few pushes.
  return transactions_.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
    int delivered = 0;
    for (const MinorPush& push : store_.DuePushes(tx, clock_.Now(), 12)) {
      absl::StatusOr<const PeerConfig*> province = Province(**topology);
      v1::MinorMonthFigures figures;
      absl::StatusOr<StoredRevision> answer =
          absl::DataLossError("the queued figures do not parse");
      if (!province.ok()) {
        answer = province.status();
      } else if (figures.ParseFromString(push.figures)) {
        answer = transport_->DeliverMinorFigures(**province, figures, options_.attempt_timeout);
      }
      if (answer.ok()) {
        store_.MarkPushed(tx, push.id, answer->revision, clock_.Now());
        ++delivered;
        continue;
      }
      const std::string error = absl::StrCat(absl::StatusCodeToString(answer.status().code()), ": ",
                                             answer.status().message());
      const bool permanent = answer.status().code() == absl::StatusCode::kDataLoss ||
                             ClassifyAttempt(answer.status().code()) == AttemptVerdict::kDeadLetter;
      if (permanent) {
        store_.MarkPushDead(tx, push.id, error);
        hotline::log::Error("monthly minor-protection push refused",
                            {{"month", push.month}, {"error", error}});
      } else {
        const RetryBounds bounds = province.ok() ? (*province)->retry : RetryBounds{};
        store_.MarkPushRetry(tx, push.id, NextAttempt(bounds, push.attempts + 1), error);
      }
    }
    return delivered;
  });
}

void MinorPushing::Start(absl::Duration every) {
  thread_ = std::thread([this, every] {
    do {
      if (absl::Status s = RunSchedule(); !s.ok()) {
        hotline::log::Warning("monthly minor-protection figures not fetched",
                              {{"error", std::string(s.message())}});
      }
      SendDue().IgnoreError();  // the rows stay pending; the next round tries again
    } while (!stop_.WaitForNotificationWithTimeout(every));
  });
}

void MinorPushing::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hotline::transfer
