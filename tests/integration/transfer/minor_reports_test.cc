// The monthly minor-protection push on real PostgreSQL: Kunming queues its month and sends it to
// the province (store-and-forward, retried while the province is away); the province keeps one
// row per content and a new revision for changed figures, and refuses a peer pushing another
// prefecture's figures.
#include "services/provincial-transfer/app/minor_reports.h"

#include <catch2/catch.hpp>

#include "libs/pg/pg_transaction.h"
#include "services/provincial-transfer/app/minor_push.h"
#include "services/provincial-transfer/app/topology_admin.h"
#include "services/provincial-transfer/store/pg_minor_report_store.h"
#include "services/provincial-transfer/store/topology_store.h"
#include "tests/integration/transfer/transfer_instance.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::transfer {
namespace {

namespace rpb = reporting::v1;

// 2026-12-07 in Shanghai: November has ended and is due (day 3, 09:00).
const absl::Time kDecember =
    absl::FromCivil(absl::CivilSecond(2026, 12, 7, 10, 0, 0), absl::FixedTimeZone(8 * 3600));

// One instance with only what the monthly push uses: the topology and the figures' tables.
struct Node {
  Node(const std::string& code, std::vector<PeerConfig> peers)
      : pool({.url = db.url(), .size = 2}), transactions(pool), self{code, DefaultRoleOf(code)} {
    for (const PeerConfig& peer : peers) {
      REQUIRE(admin.UpsertPeer(support::SampleActor("ops"), peer).ok());
    }
  }

  hotline::testing::ScratchDatabase db;
  pg::PgPool pool;
  pg::PgTransactionRunner transactions;
  FakeClock clock{kDecember};
  SelfInstance self;
  PgTopologyStore topology_store;
  TopologyCache topology{transactions, topology_store, absl::Milliseconds(1), clock};
  TopologyAdmin admin{transactions, topology_store, topology, nullptr};
  PgMinorReportStore store;
};

PeerConfig Peer(const std::string& code, InstanceRole role) {
  PeerConfig peer = testing::Peer(code, role);
  peer.retry.initial_backoff = absl::Seconds(10);
  peer.retry.max_backoff = absl::Seconds(10);
  return peer;
}

// What Kunming's reporting service answers: a count the test can change (a late correction).
class FakeReporting final : public MinorFiguresSource {
 public:
  absl::StatusOr<v1::MinorMonthFigures> Fetch(const std::string& month) override {
    ++fetches;
    if (down) return absl::UnavailableError("reporting is away");
    v1::MinorMonthFigures figures;
    figures.set_month(month);
    figures.set_suppression_threshold(5);
    rpb::IndicatorRow* row = figures.add_rows();
    row->add_key("total");
    row->add_key("");
    rpb::IndicatorValue* v = row->add_values();
    v->set_code("received");
    v->set_kind(rpb::INDICATOR_KIND_COUNT);
    v->set_numerator(received);
    v->set_value(static_cast<double>(received));
    v->set_defined(true);
    rpb::IndicatorValue* small = row->add_values();
    small->set_code("emergency_referrals");
    small->set_kind(rpb::INDICATOR_KIND_COUNT);
    small->set_suppressed(true);
    return figures;
  }
  int64_t received = 40;
  bool down = false;
  int fetches = 0;
};

// The peer port in process: the province's use case, called as the peer `as`.
class ToProvince final : public MinorPushTransport {
 public:
  ToProvince(const MinorReports& province, PeerConfig as)
      : province_(province), as_(std::move(as)) {}
  absl::StatusOr<StoredRevision> DeliverMinorFigures(const PeerConfig&,
                                                     const v1::MinorMonthFigures& figures,
                                                     absl::Duration) override {
    ++attempts;
    if (down) return absl::UnavailableError("connection refused");
    return province_.Receive(as_, figures);
  }
  bool down = false;
  int attempts = 0;

 private:
  const MinorReports& province_;
  const PeerConfig as_;
};

struct Federation {
  Node province{"53",
                {Peer("5301", InstanceRole::kPrefecture), Peer("5303", InstanceRole::kPrefecture)}};
  Node kunming{"5301", {Peer("53", InstanceRole::kProvince)}};
  MinorReports reports{province.transactions, province.store, province.topology, province.clock,
                       province.self};
  FakeReporting reporting;
  MinorPushing pushing{kunming.transactions,      kunming.store, &reporting,
                       kunming.topology,          kunming.clock, kunming.self,
                       {{3, 9}, absl::Seconds(1)}};
  ToProvince wire{reports, Peer("5301", InstanceRole::kPrefecture)};

  Federation() { pushing.SetTransport(&wire); }
};

TEST_CASE("The same month pushed twice is stored once at the province", "[transfer][minors]") {
  Federation f;
  absl::StatusOr<QueuedMinorPush> first = f.pushing.PushMonth("2026-11");
  REQUIRE(first.ok());
  CHECK(first->queued);
  absl::StatusOr<QueuedMinorPush> again = f.pushing.PushMonth("2026-11");
  REQUIRE(again.ok());
  CHECK_FALSE(again->queued);  // the same figures: one queued push
  CHECK(again->content_digest == first->content_digest);
  CHECK(f.kunming.db.Count("SELECT count(*) FROM transfer_minor_pushes") == 1);

  REQUIRE(f.pushing.SendDue().value() == 1);
  CHECK(f.kunming.db.Count("SELECT count(*) FROM transfer_minor_pushes WHERE state = 'delivered' "
                           "AND revision = 1") == 1);
  // A second delivery of the same figures (a lost answer, another replica): still one row.
  v1::MinorMonthFigures figures = f.reporting.Fetch("2026-11").value();
  figures.set_prefecture_code("5301");
  absl::StatusOr<StoredRevision> repeat =
      f.reports.Receive(Peer("5301", InstanceRole::kPrefecture), figures);
  REQUIRE(repeat.ok());
  CHECK(repeat->duplicate);
  CHECK(repeat->revision == 1);
  CHECK(f.province.db.Count("SELECT count(*) FROM transfer_minor_reports") == 1);
}

TEST_CASE("Revised figures are a new revision, the earlier one kept", "[transfer][minors]") {
  Federation f;
  REQUIRE(f.pushing.PushMonth("2026-11").ok());
  REQUIRE(f.pushing.SendDue().value() == 1);
  f.reporting.received = 42;  // a late correction restated the month
  absl::StatusOr<QueuedMinorPush> revised = f.pushing.PushMonth("2026-11");
  REQUIRE(revised.ok());
  CHECK(revised->queued);
  REQUIRE(f.pushing.SendDue().value() == 1);
  CHECK(f.province.db.Count("SELECT count(*) FROM transfer_minor_reports WHERE "
                            "prefecture_code = '5301' AND month = '2026-11'") == 2);

  absl::StatusOr<ProvincialMinorReport> report = f.reports.Report("2026-11");
  REQUIRE(report.ok());
  REQUIRE(report->prefectures.size() == 1);
  CHECK(report->prefectures[0].revision == 2);
  CHECK(report->prefectures[0].figures.rows(0).values(0).numerator() == 42);
  CHECK(report->prefectures[0].received_at == kDecember);
  // Withheld as reporting delivered it, in the prefecture's row and in the total.
  CHECK(report->prefectures[0].figures.rows(0).values(1).suppressed());
  REQUIRE(report->province_total.size() == 1);
  CHECK(report->province_total[0].values(0).numerator() == 42);
  CHECK(report->province_total[0].values(1).suppressed());
  CHECK(report->not_reported == std::vector<std::string>{"5303"});
}

TEST_CASE("A peer pushing another prefecture's figures is refused", "[transfer][minors]") {
  Federation f;
  v1::MinorMonthFigures figures = f.reporting.Fetch("2026-11").value();
  figures.set_prefecture_code("5301");
  const absl::Status as_qujing =
      f.reports.Receive(Peer("5303", InstanceRole::kPrefecture), figures).status();
  CHECK(as_qujing.code() == absl::StatusCode::kPermissionDenied);
  CHECK(std::string(as_qujing.message()).find("figures.prefecture_code") != std::string::npos);
  // Only a prefecture pushes; only to the province; only a month that has ended.
  CHECK(f.reports.Receive(Peer("53", InstanceRole::kProvince), figures).status().code() ==
        absl::StatusCode::kPermissionDenied);
  figures.set_month("2026-12");
  CHECK(f.reports.Receive(Peer("5301", InstanceRole::kPrefecture), figures).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  figures.set_month("2026-11");
  figures.mutable_rows(0)->mutable_values(1)->set_numerator(2);  // a withheld count with a number
  CHECK(f.reports.Receive(Peer("5301", InstanceRole::kPrefecture), figures).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(f.province.db.Count("SELECT count(*) FROM transfer_minor_reports") == 0);

  // The sender gives a refused push up, with the reason, rather than retrying it forever.
  Federation mixed_up;
  ToProvince as_other(mixed_up.reports, Peer("5303", InstanceRole::kPrefecture));
  mixed_up.pushing.SetTransport(&as_other);
  REQUIRE(mixed_up.pushing.PushMonth("2026-11").ok());
  CHECK(mixed_up.pushing.SendDue().value() == 0);
  CHECK(mixed_up.kunming.db.Count("SELECT count(*) FROM transfer_minor_pushes WHERE state = "
                                  "'dead' AND last_error LIKE 'PERMISSION_DENIED%'") == 1);
}

TEST_CASE("A push waits while the province is away and arrives when it is back",
          "[transfer][minors]") {
  Federation f;
  f.wire.down = true;
  REQUIRE(f.pushing.PushMonth("2026-11").ok());
  CHECK(f.pushing.SendDue().value() == 0);
  CHECK(f.kunming.db.Count("SELECT count(*) FROM transfer_minor_pushes WHERE state = 'pending' "
                           "AND attempts = 1 AND last_error LIKE 'UNAVAILABLE%'") == 1);
  // Backing off: not tried again before its time.
  CHECK(f.pushing.SendDue().value() == 0);
  CHECK(f.wire.attempts == 1);
  f.wire.down = false;
  f.kunming.clock.Advance(absl::Seconds(11));
  CHECK(f.pushing.SendDue().value() == 1);
  CHECK(f.province.db.Count("SELECT count(*) FROM transfer_minor_reports") == 1);
}

TEST_CASE("The schedule queues the due month once, and waits for reporting when it is away",
          "[transfer][minors]") {
  Federation f;
  f.reporting.down = true;
  CHECK(f.pushing.RunSchedule().code() == absl::StatusCode::kUnavailable);
  CHECK(f.kunming.db.Count("SELECT count(*) FROM transfer_minor_pushes") == 0);
  f.reporting.down = false;
  REQUIRE(f.pushing.RunSchedule().ok());
  REQUIRE(f.pushing.RunSchedule().ok());
  CHECK(f.reporting.fetches == 2);  // the second round found November queued
  CHECK(f.kunming.db.Count("SELECT count(*) FROM transfer_minor_pushes WHERE month = '2026-11'") ==
        1);
  // A running month cannot be pushed by hand either; the province's report is not Kunming's.
  CHECK(f.pushing.PushMonth("2026-12").status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.pushing.PushMonth("2026-13").status().code() == absl::StatusCode::kInvalidArgument);
  MinorReports at_kunming{f.kunming.transactions, f.kunming.store, f.kunming.topology,
                          f.kunming.clock, f.kunming.self};
  CHECK(at_kunming.Report("2026-11").status().code() == absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hotline::transfer
