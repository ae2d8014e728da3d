#include "tests/unit/intake/fakes/fake_submission_store.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace hotline::intake::testing {

namespace common = hotline::common::v1;

// One batch's write: applied to the fakes at Commit, all or nothing.
class FakeSubmissionWrite final : public SubmissionWrite {
 public:
  FakeSubmissionWrite(Transaction& tx, const FakeSubmissionStore& store) : tx_(tx), store_(store) {}

  absl::StatusOr<std::vector<common::Ticket>> AddTickets(
      const ticketstore::TicketIdentities& identities,
      const std::vector<ticketstore::NewTicket>& tickets) override {
    if (identities.drawn.size() != tickets.size()) {
      return absl::InternalError("one identity per ticket is needed");
    }
    std::vector<common::Ticket> created;
    for (const ticketstore::NewTicket& t : tickets) {
      auto ticket = store_.tickets_.Create(tx_, t.draft, t.actor, t.steps);
      if (!ticket.ok()) return ticket.status();
      created.push_back(*std::move(ticket));
    }
    return created;
  }
  void AddIntakeRows(const IntakeRows& rows, absl::Time) override { rows_ = rows; }
  void AddIdentityDraw(const std::string&, int count) override { draw_ = count; }

  absl::StatusOr<std::vector<ticketstore::TicketIdentity>> Commit(absl::Time) override {
    ++store_.writes_;
    FakeSubmissionStore::Data& data = store_.data_;
    for (const AnswerRow& row : rows_.answers) {
      if (store_.Find(row.key) != nullptr) return IdempotencyRace();
    }
    for (size_t i = 0; i < rows_.referral_tickets.size(); ++i) {
      data.referrals.emplace_back(rows_.referral_tickets[i], rows_.referral_lines[i]);
    }
    for (const auto& link : rows_.links) data.links.push_back(link);
    for (const AnswerRow& row : rows_.answers) {
      data.answers[row.key] = {row.fingerprint, row.ticket_id, *row.result};
    }
    return store_.Draw(draw_);
  }

 private:
  Transaction& tx_;
  const FakeSubmissionStore& store_;
  IntakeRows rows_;
  int draw_ = 0;
};

std::string FakeSubmissionStore::ServiceDay(absl::Time at) const {
  return absl::FormatTime("%Y-%m-%d", at, absl::UTCTimeZone());
}

const FakeSubmissionStore::Answer* FakeSubmissionStore::Find(const std::string& key) const {
  if (auto it = data_.answers.find(key); it != data_.answers.end()) return &it->second;
  if (auto it = elsewhere_.find(key); it != elsewhere_.end()) return &it->second;
  return nullptr;
}

std::vector<ticketstore::TicketIdentity> FakeSubmissionStore::Draw(int count) const {
  std::vector<ticketstore::TicketIdentity> drawn;
  for (int i = 0; i < count; ++i) {
    const int64_t n = data_.next_identity++;
    drawn.push_back({n, absl::StrCat("identity-", n)});
  }
  return drawn;
}

BatchLookup FakeSubmissionStore::LookUp(Transaction& tx, const std::vector<std::string>& keys,
                                        const std::vector<int64_t>& candidates,
                                        absl::Time now) const {
  ++lookups_;
  BatchLookup lookup;
  for (const std::string& key : keys) {
    if (Find(key) != nullptr) lookup.taken_keys.insert(key);
  }
  for (int64_t id : candidates) {
    auto ticket = tickets_.Get(tx, id);
    if (!ticket.ok()) continue;
    const common::TicketState state = ticket->state();
    if (state != common::TICKET_STATE_NOT_ACCEPTED && state != common::TICKET_STATE_WITHDRAWN &&
        state != common::TICKET_STATE_MERGED) {
      lookup.repeatable.insert(id);
    }
  }
  lookup.identities = {now, Draw(static_cast<int>(keys.size() - lookup.taken_keys.size()))};
  // What a concurrent writer stores now is found by the write, not by this look-up.
  elsewhere_.merge(behind_);
  behind_.clear();
  return lookup;
}

std::unique_ptr<SubmissionWrite> FakeSubmissionStore::StartWrite(Transaction& tx) const {
  return std::make_unique<FakeSubmissionWrite>(tx, *this);
}

absl::flat_hash_map<std::string, StoredAnswer> FakeSubmissionStore::StoredAnswers(
    Transaction&, const std::vector<std::string>& keys) const {
  absl::flat_hash_map<std::string, StoredAnswer> stored;
  for (const std::string& key : keys) {
    const Answer* found = Find(key);
    if (found == nullptr) continue;
    StoredAnswer& answer = stored[key];
    answer.fingerprint = found->fingerprint;
    // As ResultOf: a response naming no ticket is unreadable.
    if (!found->result.ticket_number.empty()) answer.result = found->result;
  }
  return stored;
}

}  // namespace hotline::intake::testing
