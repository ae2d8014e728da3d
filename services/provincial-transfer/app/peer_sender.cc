#include "services/provincial-transfer/app/peer_sender.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"

namespace hotline::transfer {
namespace {

double UnitRandom() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// What the outbox row keeps of a failure: the code and the peer's words, never the message.
std::string ErrorText(const absl::Status& status) {
  return absl::StrCat(absl::StatusCodeToString(status.code()), ": ",
                      status.message().substr(0, 200));
}

struct Attempt {
  OutboxMessage message;
  absl::StatusOr<PeerTransport::Ack> ack = absl::UnknownError("not sent");
};

}  // namespace

PeerSender::PeerSender(TransactionRunner& transactions, const MessageStore& messages,
                       TopologyCache& topology, PeerTransport& transport, const Clock& clock,
                       SenderOptions options, prometheus::Registry* registry)
    : transactions_(transactions),
      messages_(messages),
      topology_(topology),
      transport_(transport),
      clock_(clock),
      options_(options),
      registry_(registry),
      started_at_(clock.Now()) {}

PeerSender::~PeerSender() { Stop(); }

CircuitBreaker& PeerSender::BreakerOf(const PeerConfig& peer) {
  absl::MutexLock lock(&mu_);
  std::unique_ptr<CircuitBreaker>& breaker = breakers_[peer.instance_code];
  if (breaker == nullptr) breaker = std::make_unique<CircuitBreaker>(peer.retry);
  breaker->set_bounds(peer.retry);  // an operator may have changed them
  return *breaker;
}

PeerSender::PeerMetrics PeerSender::MetricsOf(const std::string& peer) {
  absl::MutexLock lock(&mu_);
  auto [it, added] = metrics_.try_emplace(peer);
  if (added && registry_ != nullptr) {
    auto& family = prometheus::BuildCounter()
                       .Name("hotline_transfer_messages_total")
                       .Help("Messages to peers by outcome of an attempt")
                       .Register(*registry_);
    it->second.delivered = &family.Add({{"peer", peer}, {"outcome", "delivered"}});
    it->second.retried = &family.Add({{"peer", peer}, {"outcome", "retried"}});
    it->second.dead_lettered = &family.Add({{"peer", peer}, {"outcome", "dead_lettered"}});
  }
  return it->second;
}

bool PeerSender::RetryRequested(const std::string& peer) {
  if (deliveries_ == nullptr) return false;
  std::optional<absl::Time> requested;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    requested = deliveries_->RetryRequestedAt(tx, peer);
    return absl::OkStatus();
  });
  if (!read.ok() || !requested) return false;
  absl::MutexLock lock(&mu_);
  // Requests before this sender started, or already seen, are not new.
  absl::Time& seen = retry_requests_seen_.try_emplace(peer, started_at_).first->second;
  if (*requested <= seen) return false;
  seen = *requested;
  return true;
}

int PeerSender::SendDue(const PeerConfig& peer) {
  CircuitBreaker& breaker = BreakerOf(peer);
  const absl::Time now = clock_.Now();
  if (breaker.state(now) == CircuitBreaker::State::kOpen && RetryRequested(peer.instance_code)) {
    breaker.ProbeNow();
  }
  const bool probing = breaker.state(now) == CircuitBreaker::State::kHalfOpen;
  if (breaker.state(now) == CircuitBreaker::State::kOpen) return 0;
  const int limit = probing ? 1 : peer.retry.max_in_flight;

  std::vector<Attempt> attempts;
  int unreadable = 0;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    attempts.clear();
    unreadable = 0;
    for (OutboxMessage& m : messages_.Due(tx, peer.instance_code, now, limit, {})) {
      // An envelope that does not open can never be sent: dead-letter it with the reason.
      if (!m.readable.ok()) {
        messages_.MarkDead(tx, m.id, ErrorText(m.readable));
        ++unreadable;
        continue;
      }
      attempts.push_back({std::move(m)});
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return 0;
  if (unreadable > 0) {
    log::Warning("transfer dead-lettered messages whose envelope does not open",
                 {{"peer", peer.instance_code}, {"messages", unreadable}});
    if (const PeerMetrics m = MetricsOf(peer.instance_code); m.dead_lettered) {
      m.dead_lettered->Increment(unreadable);
    }
  }
  if (attempts.empty()) return unreadable;
  if (!breaker.Allow(now)) return 0;

  // Several in flight at once; each waits at most the attempt timeout.
  std::vector<std::thread> calls;
  for (Attempt& a : attempts) {
    calls.emplace_back([this, &peer, &a] {
      a.ack = transport_.Deliver(peer, a.message.envelope, options_.attempt_timeout);
    });
  }
  for (std::thread& t : calls) t.join();

  const PeerMetrics metrics = MetricsOf(peer.instance_code);
  const absl::Time done = clock_.Now();
  bool any_reached = false, any_failed = false;
  absl::Status recorded = transactions_.Run([&](Transaction& tx) -> absl::Status {
    bool delivered = false;
    std::string failure;
    for (const Attempt& a : attempts) {
      if (a.ack.ok()) {
        delivered = true;
      } else {
        failure = ErrorText(a.ack.status());
      }
      const OutboxMessage& m = a.message;
      const absl::StatusCode code = a.ack.ok() ? absl::StatusCode::kOk : a.ack.status().code();
      switch (ClassifyAttempt(code)) {
        case AttemptVerdict::kDelivered: {
          messages_.MarkDelivered(tx, m.id, done);
          if (m.envelope.has_ticket() && !a.ack->ticket_number.empty()) {
            TicketLink link = messages_.LinkOf(tx, m.ticket_id).value_or(TicketLink{m.ticket_id});
            link.remote_ticket_number = a.ack->ticket_number;
            messages_.SaveLink(tx, link);
          }
          break;
        }
        case AttemptVerdict::kRetry:
          if (peer.retry.max_attempts > 0 && m.attempts + 1 >= peer.retry.max_attempts) {
            messages_.MarkDead(tx, m.id, "attempts spent; last " + ErrorText(a.ack.status()));
          } else {
            messages_.MarkRetry(tx, m.id,
                                done + RetryDelay(peer.retry, m.attempts + 1, UnitRandom()),
                                ErrorText(a.ack.status()));
          }
          break;
        case AttemptVerdict::kDeadLetter:
          messages_.MarkDead(tx, m.id, ErrorText(a.ack.status()));
          break;
      }
    }
    if (deliveries_ != nullptr && delivered) {
      deliveries_->RecordSuccess(tx, peer.instance_code, done);
    }
    if (deliveries_ != nullptr && !failure.empty()) {
      deliveries_->RecordFailure(tx, peer.instance_code, failure, done);
    }
    return absl::OkStatus();
  });
  if (!recorded.ok()) {
    // The peer has them or not; the rows stay pending and the receiver's inbox absorbs a repeat.
    log::Warning("transfer could not record delivery outcomes",
                 {{"peer", peer.instance_code}, {"error", std::string(recorded.message())}});
  }
  for (const Attempt& a : attempts) {
    const AttemptVerdict verdict =
        ClassifyAttempt(a.ack.ok() ? absl::StatusCode::kOk : a.ack.status().code());
    // A refusal is an answer: the peer is up. Only outages count against it.
    if (verdict == AttemptVerdict::kRetry) {
      any_failed = true;
      if (metrics.retried) metrics.retried->Increment();
    } else {
      any_reached = true;
      if (verdict == AttemptVerdict::kDelivered && metrics.delivered)
        metrics.delivered->Increment();
      if (verdict == AttemptVerdict::kDeadLetter && metrics.dead_lettered) {
        metrics.dead_lettered->Increment();
      }
    }
  }
  if (any_failed && !any_reached) {
    breaker.OnFailure(done);
  } else {
    breaker.OnSuccess();
  }
  return static_cast<int>(attempts.size());
}

bool PeerSender::CatchUpOwed(const std::string& peer) {
  absl::MutexLock lock(&mu_);
  return caught_up_.count(peer) == 0;
}

void PeerSender::CatchUpIfOwed(const PeerConfig& peer) {
  if (!catch_up_) return;
  CircuitBreaker& breaker = BreakerOf(peer);
  const absl::Time now = clock_.Now();
  const CircuitBreaker::State state = breaker.state(now);
  {
    absl::MutexLock lock(&mu_);
    // An outage: what the peer held for us meanwhile is pulled once the breaker closes.
    if (state != CircuitBreaker::State::kClosed) caught_up_.erase(peer.instance_code);
    if (caught_up_.count(peer.instance_code) > 0) return;
  }
  if (state == CircuitBreaker::State::kOpen || !breaker.Allow(now)) return;
  const absl::StatusOr<int> taken = catch_up_(peer);
  const absl::StatusCode code = taken.ok() ? absl::StatusCode::kOk : taken.status().code();
  if (code != absl::StatusCode::kOk && code != absl::StatusCode::kUnimplemented &&
      ClassifyAttempt(code) == AttemptVerdict::kRetry) {
    breaker.OnFailure(clock_.Now());
    return;  // owed still: tried again when the breaker lets a call through
  }
  breaker.OnSuccess();
  {
    absl::MutexLock lock(&mu_);
    caught_up_.insert(peer.instance_code);
  }
  if (taken.ok() && *taken > 0) {
    log::Info("transfer caught up with a peer", {{"peer", peer.instance_code}, {"taken", *taken}});
  } else if (!taken.ok() && code != absl::StatusCode::kUnimplemented) {
    log::Warning("transfer catch-up refused by a peer",
                 {{"peer", peer.instance_code}, {"error", ErrorText(taken.status())}});
  }
}

void PeerSender::Work(const std::string& code) {
  while (!stop_.HasBeenNotified()) {
    std::shared_ptr<const Topology> topology = topology_.Current().value_or(nullptr);
    const PeerConfig* peer = topology ? topology->FindPeer(code) : nullptr;
    if (peer != nullptr) CatchUpIfOwed(*peer);
    // A removed peer's worker idles: its messages wait in case the peer comes back.
    const int sent = peer == nullptr ? 0 : SendDue(*peer);
    if (sent == 0) stop_.WaitForNotificationWithTimeout(options_.idle_poll);
  }
}

void PeerSender::Supervise() {
  while (!stop_.HasBeenNotified()) {
    if (auto topology = topology_.Current(); topology.ok()) {
      for (const PeerConfig& peer : (*topology)->peers) {
        if (workers_.count(peer.instance_code) == 0) {
          workers_.emplace(peer.instance_code,
                           std::thread([this, code = peer.instance_code] { Work(code); }));
        }
      }
    }
    stop_.WaitForNotificationWithTimeout(absl::Seconds(1));
  }
  for (auto& [code, worker] : workers_) worker.join();
  workers_.clear();
}

void PeerSender::Start() {
  supervisor_ = std::thread([this] { Supervise(); });
}

void PeerSender::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (supervisor_.joinable()) supervisor_.join();
}

}  // namespace hotline::transfer
