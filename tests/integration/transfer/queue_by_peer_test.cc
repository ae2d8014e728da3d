// Each peer's queue as PostgreSQL counts it for the gauges: pending, retrying, dead letters and
// the oldest pending message, delivered rows left out.
#include <catch2/catch.hpp>
#include <vector>

#include "libs/common/proto_time.h"
#include "libs/crypto/field_cipher.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/support/scratch_database.h"

namespace hotline::transfer {
namespace {

TEST_CASE("The outbox is counted per peer: pending, retrying, dead letters, oldest pending",
          "[transfer][gauges]") {
  testing::ScratchDatabase db;
  pg::PgPool pool({.url = db.url(), .size = 2});
  pg::PgTransactionRunner transactions(pool);
  const PgMessageStore messages(crypto::EphemeralCipher());
  const absl::Time t0 = absl::FromUnixSeconds(1796600000);
  auto message = [](int64_t sequence, absl::Time written) {
    v1::PeerEnvelope e;
    e.set_sequence(sequence);
    *e.mutable_sent_at() = ToTimestamp(written);
    return e;
  };
  std::vector<PeerQueue> queues;
  REQUIRE(transactions
              .Run([&](Transaction& tx) {
                messages.Enqueue(tx, "53", 1, message(1, t0));
                messages.Enqueue(tx, "53", 2, message(1, t0 + absl::Seconds(5)));
                messages.Enqueue(tx, "53", 3, message(1, t0 - absl::Seconds(60)));
                messages.Enqueue(tx, "5303", 4, message(1, t0));
                return absl::OkStatus();
              })
              .ok());
  REQUIRE(transactions
              .Run([&](Transaction& tx) {
                std::vector<OutboxMessage> due =
                    messages.Due(tx, "53", t0 + absl::Hours(1), 10, {});
                REQUIRE(due.size() == 3);
                for (const OutboxMessage& m : due) {
                  if (m.ticket_id == 1) messages.MarkRetry(tx, m.id, t0 + absl::Hours(1), "x");
                  if (m.ticket_id == 3) messages.MarkDead(tx, m.id, "PERMISSION_DENIED: no");
                }
                for (const OutboxMessage& m : messages.Due(tx, "5303", t0, 10, {})) {
                  messages.MarkDelivered(tx, m.id, t0);
                }
                queues = messages.QueueByPeer(tx);
                return absl::OkStatus();
              })
              .ok());
  REQUIRE(queues.size() == 1);  // 5303 has nothing pending nor dead
  CHECK(queues[0].peer == "53");
  CHECK(queues[0].pending == 2);
  CHECK(queues[0].retrying == 1);
  CHECK(queues[0].dead_lettered == 1);
  REQUIRE(queues[0].oldest_pending.has_value());
  CHECK(*queues[0].oldest_pending == t0);  // the dead letter's older row is not pending
}

}  // namespace
}  // namespace hotline::transfer
