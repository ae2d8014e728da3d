// Flagged callers (恶意来电): the office's list, and the acceptance that sends a flagged caller's
// ticket to the office's review instead of dispatch (routing reads the reason code).
#include "services/intake/app/caller_flags.h"

#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "services/intake/rules/request_validation.h"
#include "tests/unit/intake/fakes/batch_fixture.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

// intake_caller_flags in memory: one live flag a phone index.
class FakeCallerFlagStore final : public CallerFlagStore {
 public:
  v1::CallerFlag Flag(Transaction&, const CallerFlagDraft& d) const override {
    for (Row& row : rows_) {
      if (row.draft.phone_index == d.phone_index && !row.lifted) {
        row.draft = d;
        return Proto(row);
      }
    }
    rows_.push_back({static_cast<int64_t>(rows_.size()) + 1, d, false});
    return Proto(rows_.back());
  }
  bool Lift(Transaction&, int64_t id, const std::string&, absl::Time) const override {
    for (Row& row : rows_) {
      if (row.id == id && !row.lifted) return row.lifted = true;
    }
    return false;
  }
  std::vector<v1::CallerFlag> Live(Transaction&, absl::Time now) const override {
    std::vector<v1::CallerFlag> out;
    for (const Row& row : rows_) {
      if (IsLive(row, now)) out.push_back(Proto(row));
    }
    return out;
  }
  std::vector<FlaggedPhone> LivePhones(Transaction&, absl::Time now) const override {
    std::vector<FlaggedPhone> out;
    for (const Row& row : rows_) {
      if (IsLive(row, now)) out.push_back({row.draft.phone_index, row.draft.expires_at});
    }
    return out;
  }
  // Every value stored, for the check that no phone is among them.
  std::string Stored() const {
    std::string all;
    for (const Row& row : rows_) all += row.draft.phone_index + row.draft.phone_hint + "|";
    return all;
  }

 private:
  struct Row {
    int64_t id;
    CallerFlagDraft draft;
    bool lifted;
  };
  static bool IsLive(const Row& row, absl::Time now) {
    return !row.lifted && (!row.draft.expires_at || *row.draft.expires_at > now);
  }
  static v1::CallerFlag Proto(const Row& row) {
    v1::CallerFlag flag;
    flag.set_id(row.id);
    flag.set_phone_hint(row.draft.phone_hint);
    flag.set_reason_code(row.draft.reason_code);
    flag.set_flagged_by(row.draft.flagged_by);
    return flag;
  }
  mutable std::vector<Row> rows_;
};

struct FlagsFixture : testing::UseCaseFixture {
  FakeCallerFlagStore store;
  CallerFlags flags{transactions, store, crypto::EphemeralCipher(), clock, absl::Seconds(5)};
};

TEST_CASE("the office flags a phone by its blind index, until it lifts the flag or it expires",
          "[caller_flags]") {
  FlagsFixture f;
  auto flag = f.flags.Flag("138 1234 5678", "harassment", std::nullopt, "office-5301");
  REQUIRE(flag.ok());
  CHECK(flag->phone_hint() == "5678");
  CHECK(flag->flagged_by() == "office-5301");
  CHECK(f.store.Stored().find("13812345678") == std::string::npos);
  CHECK(f.flags.IsFlagged(CanonicalPhone("13812345678")));
  CHECK_FALSE(f.flags.IsFlagged(CanonicalPhone("13900001111")));

  // Another replica learns of it when it loads the list.
  CallerFlags other{f.transactions, f.store, crypto::EphemeralCipher(), f.clock, absl::Seconds(5)};
  REQUIRE(other.Load().ok());
  CHECK(other.IsFlagged(CanonicalPhone("13812345678")));

  REQUIRE(f.flags.Lift(flag->id(), "office-5301").ok());
  CHECK_FALSE(f.flags.IsFlagged(CanonicalPhone("13812345678")));
  CHECK(f.flags.Lift(flag->id(), "office-5301").code() == absl::StatusCode::kNotFound);
  auto listed = f.flags.List();
  REQUIRE(listed.ok());
  CHECK(listed->empty());

  auto brief = f.flags.Flag("13812345678", "abuse", f.clock.Now() + absl::Hours(24), "office");
  REQUIRE(brief.ok());
  CHECK(f.flags.IsFlagged(CanonicalPhone("13812345678")));
  f.clock.Advance(absl::Hours(25));
  CHECK_FALSE(f.flags.IsFlagged(CanonicalPhone("13812345678")));
}

TEST_CASE("a flag needs a mainland number, a known reason and a future expiry", "[caller_flags]") {
  FlagsFixture f;
  auto bad = f.flags.Flag("12345", "annoying", f.clock.Now() - absl::Hours(1), "office");
  REQUIRE(bad.status().code() == absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(bad.status())) fields.push_back(v.field);
  CHECK(fields == std::vector<std::string>{"phone", "reason_code", "expires_at"});
  CHECK(std::string(bad.status().message()).find("12345") == std::string::npos);
}

struct HoldFixture : testing::BatchFixture {
  HoldFixture() {
    options.flagged_callers = &flags;
    REQUIRE(flags.Flag("13812345678", "false_reports", std::nullopt, "office").ok());
  }
  Submission Make(const std::string& key, const std::string& phone,
                  v1::ScopeDecision decision = v1::SCOPE_DECISION_ACCEPTED) {
    Submission s = BatchFixture::Make(key, common::TICKET_KIND_COMPLAINT, decision);
    s.command.caller.set_phone(phone);
    s.command.content += " " + key;  // not duplicates of one another
    return s;
  }
  // The reason code of the ticket's acceptance (its TicketStateChanged).
  std::string AcceptanceReason(const std::string& number) {
    Transaction tx;
    auto ticket = tickets.GetByNumber(tx, number);
    REQUIRE(ticket.ok());
    for (const common::EventEnvelope& e : tickets.events()) {
      common::TicketStateChanged changed;
      if (e.ticket_id() == ticket->id() && e.payload().UnpackTo(&changed)) {
        return changed.reason_code();
      }
    }
    FAIL("no state change of " << number);
    return "";
  }

  FakeCallerFlagStore store;
  CallerFlags flags{transactions, store, crypto::EphemeralCipher(), clock, absl::Seconds(5)};
};

TEST_CASE("a flagged caller's acceptance says so, unless it is an emergency or about a minor",
          "[caller_flags]") {
  HoldFixture f;
  Submission flagged = f.Make("k-1", "138 1234 5678");
  Submission other = f.Make("k-2", "13900001111");
  Submission minor = f.Make("k-3", "13812345678");
  minor.command.involves_minor = true;
  Submission emergency = f.Make("k-4", "13812345678", v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  std::vector<Submission*> batch = {&flagged, &other, &minor, &emergency};
  REQUIRE(f.Write(batch).ok());
  for (Submission* s : batch) REQUIRE(s->result.ok());

  CHECK(f.AcceptanceReason(flagged.result->ticket_number) == "intake.caller_flagged");
  CHECK(flagged.result->state == common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(f.AcceptanceReason(other.result->ticket_number) == "scope.test");
  CHECK(f.AcceptanceReason(minor.result->ticket_number) == "scope.test");
  CHECK(f.AcceptanceReason(emergency.result->ticket_number) == "scope.test");
}

}  // namespace
}  // namespace hotline::intake
