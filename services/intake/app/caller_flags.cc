#include "services/intake/app/caller_flags.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "services/intake/rules/request_validation.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;

const absl::flat_hash_set<std::string>& Reasons() {
  static const auto* reasons =
      new absl::flat_hash_set<std::string>{"harassment", "false_reports", "abuse"};
  return *reasons;
}

}  // namespace

CallerFlags::CallerFlags(TransactionRunner& transactions, const CallerFlagStore& store,
                         const crypto::FieldCipher& cipher, const Clock& clock, absl::Duration poll)
    : transactions_(transactions), store_(store), cipher_(cipher), clock_(clock), poll_(poll) {}

CallerFlags::~CallerFlags() { Stop(); }

absl::Status CallerFlags::Load() {
  absl::flat_hash_map<std::string, absl::Time> flagged;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    flagged.clear();
    for (FlaggedPhone& phone : store_.LivePhones(tx, clock_.Now())) {
      flagged[std::move(phone.phone_index)] = phone.expires_at.value_or(absl::InfiniteFuture());
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  absl::MutexLock lock(&mu_);
  flagged_ = std::move(flagged);
  return absl::OkStatus();
}

void CallerFlags::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void CallerFlags::Stop() {
  if (!thread_.joinable()) return;
  if (!stop_.HasBeenNotified()) stop_.Notify();
  thread_.join();
}

void CallerFlags::Loop() {
  while (!stop_.WaitForNotificationWithTimeout(poll_)) {
    if (absl::Status loaded = Load(); !loaded.ok()) {
      log::Warning("flagged callers did not reload; the last list stays",
                   {{"error", loaded.ToString()}});
    }
  }
}

absl::StatusOr<v1::CallerFlag> CallerFlags::Flag(const std::string& phone,
                                                 const std::string& reason_code,
                                                 std::optional<absl::Time> expires_at,
                                                 const std::string& by) {
  const std::string canonical = CanonicalPhone(phone);
  std::vector<FieldViolation> violations;
  if (canonical.empty()) {
    violations.push_back({"phone", "must be a mainland mobile or landline number"});
  }
  if (!Reasons().contains(reason_code)) {
    violations.push_back({"reason_code", "must be harassment, false_reports or abuse"});
  }
  const absl::Time now = clock_.Now();
  if (expires_at && *expires_at <= now) {
    violations.push_back({"expires_at", "must be in the future"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  CallerFlagDraft draft;
  draft.phone_index = cipher_.BlindIndex(canonical);
  draft.phone_hint = canonical.substr(canonical.size() - std::min<size_t>(4, canonical.size()));
  draft.reason_code = reason_code;
  draft.flagged_by = by;
  draft.flagged_at = now;
  draft.expires_at = expires_at;
  absl::StatusOr<v1::CallerFlag> flag = transactions_.RunFor<v1::CallerFlag>(
      [&](Transaction& tx) -> absl::StatusOr<v1::CallerFlag> { return store_.Flag(tx, draft); });
  if (!flag.ok()) return flag.status();
  absl::MutexLock lock(&mu_);
  flagged_[draft.phone_index] = expires_at.value_or(absl::InfiniteFuture());
  return flag;
}

absl::Status CallerFlags::Lift(int64_t id, const std::string& by) {
  absl::Status lifted = transactions_.Run([&](Transaction& tx) -> absl::Status {
    if (!store_.Lift(tx, id, by, clock_.Now())) {
      return absl::NotFoundError("no live caller flag with this id");
    }
    return absl::OkStatus();
  });
  if (!lifted.ok()) return lifted;
  return Load();  // the lifted phone's index is not known here: read the list again
}

absl::StatusOr<std::vector<v1::CallerFlag>> CallerFlags::List() {
  return transactions_.RunFor<std::vector<v1::CallerFlag>>(
      [&](Transaction& tx) -> absl::StatusOr<std::vector<v1::CallerFlag>> {
        return store_.Live(tx, clock_.Now());
      });
}

bool CallerFlags::IsFlagged(const std::string& canonical_phone) const {
  if (canonical_phone.empty()) return false;
  const std::string index = cipher_.BlindIndex(canonical_phone);
  absl::MutexLock lock(&mu_);
  const auto it = flagged_.find(index);
  return it != flagged_.end() && clock_.Now() < it->second;
}

}  // namespace hotline::intake
