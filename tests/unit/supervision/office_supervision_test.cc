// The office's own steps over fakes: urging by hand, review, and the follow-up's outcomes.
#include "services/supervision/app/office_supervision.h"

#include <catch2/catch.hpp>

#include "libs/domain/event_types.h"
#include "tests/unit/supervision/supervision_world.h"

namespace hotline::supervision::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::supervision::v1;

const std::string kLead = "530102-education";

TEST_CASE("urging by hand needs a running handling clock", "[supervision]") {
  SupervisionWorld w;
  OfficeSupervision uc(w.ctx, w.follow_ups);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);
  CHECK(absl::IsFailedPrecondition(uc.Urge({t.number(), "please hurry", w.Office()}, AsOffice())));

  w.Handling(t, kLead, Cst(2026, 12, 14, 17, 30));
  REQUIRE(uc.Urge({t.number(), "please hurry", w.Office()}, AsOffice()).ok());
  REQUIRE(w.tickets.EventTypes(t.id()) ==
          std::vector<std::string>{event_type::kSupervisionDeadlineStep});
  v1::DeadlineStep step;
  REQUIRE(w.tickets.events().back().payload().UnpackTo(&step));
  CHECK(step.step() == v1::ESCALATION_STEP_URGING);
  CHECK(step.by_hand());
  CHECK(step.unit_id() == kLead);
  // The note is kept with the ticket, at the event's version, and not in the event.
  Transaction tx;
  const std::vector<ticketstore::TicketText> texts = w.tickets.Texts(tx, t.id());
  REQUIRE(texts.size() == 1);
  CHECK(texts[0].kind == ticketstore::TicketText::Kind::kUrging);
  CHECK(texts[0].body == "please hurry");
  CHECK(texts[0].ticket_version == w.tickets.events().back().ticket_version());
  CHECK(absl::IsPermissionDenied(uc.Urge({t.number(), "", w.Office()}, Denied())));
}

TEST_CASE("review approves or sends the reply back", "[supervision]") {
  SupervisionWorld w;
  OfficeSupervision uc(w.ctx, w.follow_ups);
  const common::Ticket approved = w.Ticket(common::TICKET_STATE_REPLIED);
  auto state = uc.Review({approved.number(), true, "", w.Office()}, AsOffice());
  REQUIRE(state.ok());
  CHECK(*state == common::TICKET_STATE_CLOSED);

  const common::Ticket sent_back = w.Ticket(common::TICKET_STATE_REPLIED);
  state = uc.Review({sent_back.number(), false, "the reply misses the question", w.Office()},
                    AsOffice());
  REQUIRE(state.ok());
  CHECK(*state == common::TICKET_STATE_IN_PROGRESS);

  const common::Ticket not_replied = w.Ticket(common::TICKET_STATE_IN_PROGRESS);
  CHECK(absl::IsFailedPrecondition(
      uc.Review({not_replied.number(), true, "", w.Office()}, AsOffice()).status()));
}

FollowUpCommand Reached(const common::Ticket& t, bool resolved, v1::Satisfaction s,
                        const common::Actor& actor) {
  return {t.number(), v1::CONTACT_RESULT_REACHED, resolved, s, actor};
}

TEST_CASE("a satisfied follow-up ends the ticket's handling", "[supervision]") {
  SupervisionWorld w;
  OfficeSupervision uc(w.ctx, w.follow_ups);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_CLOSED);

  SECTION("with a retention: FOLLOWED_UP and a retention clock") {
    const absl::Time before = w.clock.Now();
    auto r =
        uc.RecordFollowUp(Reached(t, true, v1::SATISFACTION_SATISFIED, w.Office()), AsOffice());
    REQUIRE(r.ok());
    CHECK(r->ticket_state == common::TICKET_STATE_FOLLOWED_UP);
    CHECK(r->attempts == 0);
    const std::vector<ClockRow> retention = w.clocks.Of(t.id(), ClockKind::kRetention);
    REQUIRE(retention.size() == 1);
    // The service's clock keeps ticking: due 15 days after the call, give or take the call.
    CHECK(retention[0].due_at >= before + absl::Hours(24 * 15));
    CHECK(retention[0].due_at <= w.clock.Now() + absl::Hours(24 * 15));
  }
  SECTION("without a retention: archived at once") {
    w.policy().retention = absl::ZeroDuration();
    w.SettingsChanged();
    auto r = uc.RecordFollowUp(Reached(t, true, v1::SATISFACTION_NEUTRAL, w.Office()), AsOffice());
    REQUIRE(r.ok());
    CHECK(r->ticket_state == common::TICKET_STATE_ARCHIVED);
    CHECK(w.clocks.Of(t.id(), ClockKind::kRetention).empty());
  }
}

TEST_CASE("a dissatisfied or unresolved follow-up reopens the ticket", "[supervision]") {
  SupervisionWorld w;
  OfficeSupervision uc(w.ctx, w.follow_ups);
  const common::Ticket dissatisfied = w.Ticket(common::TICKET_STATE_CLOSED);
  auto r = uc.RecordFollowUp(Reached(dissatisfied, true, v1::SATISFACTION_DISSATISFIED, w.Office()),
                             AsOffice());
  REQUIRE(r.ok());
  CHECK(r->ticket_state == common::TICKET_STATE_REOPENED);

  const common::Ticket unresolved = w.Ticket(common::TICKET_STATE_ANSWERED);
  r = uc.RecordFollowUp(Reached(unresolved, false, v1::SATISFACTION_VERY_SATISFIED, w.Office()),
                        AsOffice());
  REQUIRE(r.ok());
  CHECK(r->ticket_state == common::TICKET_STATE_REOPENED);
}

TEST_CASE("an unreachable caller is tried the policy's number of times", "[supervision]") {
  SupervisionWorld w;
  OfficeSupervision uc(w.ctx, w.follow_ups);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_CLOSED);
  const FollowUpCommand unreachable{t.number(), v1::CONTACT_RESULT_UNREACHABLE, false,
                                    v1::SATISFACTION_UNSPECIFIED, w.Office()};
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto r = uc.RecordFollowUp(unreachable, AsOffice());
    REQUIRE(r.ok());
    CHECK(r->attempts == attempt);
    CHECK(r->ticket_state == common::TICKET_STATE_CLOSED);
  }
  CHECK(w.tickets.EventTypes(t.id()) ==
        std::vector<std::string>{event_type::kSupervisionFollowedUp,
                                 event_type::kSupervisionFollowedUp});
  auto last = uc.RecordFollowUp(unreachable, AsOffice());
  REQUIRE(last.ok());
  CHECK(last->attempts == 3);
  CHECK(last->ticket_state == common::TICKET_STATE_FOLLOWED_UP);
}

TEST_CASE("a follow-up is for CLOSED or ANSWERED tickets", "[supervision]") {
  SupervisionWorld w;
  OfficeSupervision uc(w.ctx, w.follow_ups);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);
  const FollowUpCommand unreachable{t.number(), v1::CONTACT_RESULT_UNREACHABLE, false,
                                    v1::SATISFACTION_UNSPECIFIED, w.Office()};
  CHECK(absl::IsFailedPrecondition(uc.RecordFollowUp(unreachable, AsOffice()).status()));
  const common::Ticket closed = w.Ticket(common::TICKET_STATE_CLOSED);
  CHECK(
      absl::IsPermissionDenied(uc.RecordFollowUp({closed.number(), v1::CONTACT_RESULT_UNREACHABLE,
                                                  false, v1::SATISFACTION_UNSPECIFIED, w.Office()},
                                                 Denied())
                                   .status()));
}

}  // namespace
}  // namespace hotline::supervision::testing
