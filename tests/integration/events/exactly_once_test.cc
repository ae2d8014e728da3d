// The whole pipeline, writer to consumer group, while the relay is killed and Redis goes away.
#include <prometheus/registry.h>
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/child_process.h"
#include "tests/support/private_redis.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

using hotline::testing::BinaryPath;
using hotline::testing::PollUntil;
using hotline::testing::PrivateRedis;
using hotline::testing::StartChild;
using hotline::testing::UniqueName;

// build/bin/hotline-relay. Every executable lands in build/bin, so without HOTLINE_BIN_DIR
// (cmake/HotlineTests.cmake currently loses it when ctest registers the test) look beside this
// test binary.
std::string RelayBinary() {
  if (std::getenv("HOTLINE_BIN_DIR") != nullptr) return BinaryPath("hotline-relay");
  return (std::filesystem::read_symlink("/proc/self/exe").parent_path() / "hotline-relay").string();
}

constexpr int kTickets = 500;
constexpr int kEventsPerTicket = 20;
constexpr int64_t kEvents = kTickets * kEventsPerTicket;

// Writers stop at a mark until the test has done what it wanted done while they were writing,
// so the kill and the outage always land mid-run however fast the machine is.
class Gates {
 public:
  void Open(int gate) {
    absl::MutexLock lock(&mu_);
    opened_ = std::max(opened_, gate);
  }
  void OpenAll() { Open(3); }
  void Wait(int64_t written) {
    const int gate = written >= 6000 ? 3 : written >= 4000 ? 2 : written >= 3000 ? 1 : 0;
    absl::MutexLock lock(&mu_);
    auto open = [this, gate]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return opened_ >= gate; };
    mu_.Await(absl::Condition(&open));
  }

 private:
  absl::Mutex mu_;
  int opened_ ABSL_GUARDED_BY(mu_) = 0;
};

TEST_CASE(
    "ten thousand events reach a group exactly once and in order through a relay crash and a "
    "Redis outage",
    "[events]") {
  EventsFixture f;
  PrivateRedis redis;
  prometheus::Registry registry;
  EventConsumer consumer(f.ConsumerOptions(redis.url(), "audit", "audit-1"), f.pool,
                         f.RecordingHandler("audit-1"), &registry);
  consumer.Start();

  const std::string relay_log = absl::StrCat("/tmp/", UniqueName("relay"), ".log");
  auto start_relay = [&] {
    return StartChild({RelayBinary(), "--pg_url=" + f.db.url(), "--redis_url=" + redis.url(),
                       "--stream_prefix=" + f.prefix, "--batch_size=100"},
                      {}, relay_log);
  };
  auto relay = start_relay();

  Gates gates;
  absl::Status written;
  std::thread writers([&] {
    written = f.WriteHistories(kTickets, kEventsPerTicket, 4, [&](int64_t n) { gates.Wait(n); });
  });
  struct JoinWriters {  // a failed REQUIRE must not leave writers parked at a gate
    Gates& gates;
    std::thread& writers;
    ~JoinWriters() {
      gates.OpenAll();
      if (writers.joinable()) writers.join();
    }
  } join_writers{gates, writers};

  auto handled = [&] { return f.Count("SELECT count(*) FROM handled"); };
  auto poll = [](absl::Duration timeout, absl::FunctionRef<bool()> done) {
    return PollUntil(timeout, done, absl::Milliseconds(50));  // spare the 2 cores
  };
  REQUIRE(poll(absl::Seconds(30), [&] { return handled() >= 500; }));

  // A relay dies without warning in the middle of its work; its successor carries on.
  relay->Stop(SIGKILL);
  relay = start_relay();
  gates.Open(1);
  REQUIRE(poll(absl::Seconds(30), [&] { return handled() >= 2000; }));

  // Redis goes away: writers keep committing to the outbox, nothing of it gets published.
  redis.Stop();
  gates.Open(2);
  const int64_t last_id = f.Count("SELECT coalesce(max(id), 0) FROM ticket_events");
  const int64_t written_before = f.written();
  const absl::Time down_since = absl::Now();
  REQUIRE(poll(absl::Seconds(30), [&] {
    return f.written() >= written_before + 1000 && absl::Now() - down_since >= absl::Seconds(2);
  }));
  const std::string since = absl::StrCat(" FROM ticket_events WHERE id > ", last_id);
  CHECK(f.Count("SELECT count(*)" + since) >= 1000);
  // In one statement, so one snapshot: the writers are still committing. Every event written
  // since Redis went away is still queued.
  CHECK(f.Count("SELECT count(*)" + since + " AND id NOT IN (SELECT id FROM outbox_pending)") == 0);
  redis.Start();
  gates.OpenAll();

  writers.join();
  REQUIRE(written.ok());
  REQUIRE(f.written() == kEvents);
  // Publishing and consuming resume by themselves.
  REQUIRE(poll(absl::Seconds(60), [&] { return handled() >= kEvents; }));
  REQUIRE(
      poll(absl::Seconds(10), [&] { return f.Count("SELECT count(*) FROM outbox_pending") == 0; }));
  consumer.Stop();

  CHECK(handled() == kEvents);
  CHECK(f.OrderOrDuplicateViolations() == 0);
  CHECK(f.Count("SELECT count(*) FROM (SELECT ticket_id FROM handled GROUP BY ticket_id "
                "HAVING count(*) = 20 AND max(ticket_version) = 20) AS complete") == kTickets);
  CHECK(f.Count("SELECT count(*) FROM consumed_events WHERE consumer_group = 'audit'") == kEvents);
  // The relay rode out the outage itself and stops cleanly on SIGTERM.
  REQUIRE(relay->Running());
  const int status = relay->Stop(SIGTERM);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::remove(relay_log.c_str());  // kept only when the test failed, for diagnosis
}

}  // namespace
}  // namespace hotline::events::testing
