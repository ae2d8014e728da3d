// bench_recent_tickets: how RecentTickets behaves as the duplicate window fills. Every submission
// takes its lock (writers add, probes read), so its slowest Add is a stall of the whole intake.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/intake/app/recent_tickets.h"
#include "services/intake/rules/request_validation.h"
#include "services/intake/rules/text_terms.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/proc_readers.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/core/stats.h"

ABSL_FLAG(int, tickets, 1000000, "Tickets to hold (a province's 96128 takes ~300,000 in 72 h)");
ABSL_FLAG(int, probes, 100000, "Similar() calls timed once the window is full");

namespace hotline::bench {
using support::Fail;
using support::Ms;
using support::Percentile;
using support::ResidentBytes;
using support::SampleTickets;

namespace {

// The 14 county-level divisions of Kunming (5301xx).
const std::vector<std::string> kCounties = {"530102", "530103", "530111", "530112", "530113",
                                            "530114", "530115", "530124", "530125", "530126",
                                            "530127", "530128", "530129", "530181"};

// Submissions as SampleTickets makes them, as RecentTicket or as DuplicateProbe.
class Tickets {
 public:
  explicit Tickets(uint64_t seed) : samples_(seed, kCounties, 0.1) {}

  intake::RecentTicket Next(int64_t id, absl::Time created_at) {
    const auto request = samples_.Next(absl::StrCat("k", id));
    intake::RecentTicket t;
    t.id = id;
    t.number = absl::StrFormat("20261204%06d", id);
    t.phone = intake::CanonicalPhone(request.caller().phone());
    t.region = request.region_code();
    t.category = request.category();
    t.created_at = created_at;
    t.terms = intake::TermSignature(request.content());
    return t;
  }

  intake::DuplicateProbe NextProbe() {
    intake::RecentTicket t = Next(0, absl::InfinitePast());
    return {std::move(t.phone), std::move(t.region), std::move(t.category), std::move(t.terms)};
  }

 private:
  SampleTickets samples_;
};

void Run() {
  const int count = absl::GetFlag(FLAGS_tickets), probes = absl::GetFlag(FLAGS_probes);
  if (count < 1 || probes < 1) Fail("--tickets and --probes must be at least 1");
  const absl::Time start = absl::FromUnixSeconds(1796342400);  // 2026-12-04 00:00 UTC
  const absl::Time filled_at = start + absl::Milliseconds(count);
  Tickets tickets(42);

  intake::RecentTickets recent(absl::Hours(72));
  const int64_t rss_before = ResidentBytes();
  std::vector<double> add_ms;
  add_ms.reserve(count);
  double worst = 0;
  int worst_at = 0;
  absl::Duration adding;
  for (int i = 0; i < count; ++i) {
    intake::RecentTicket t = tickets.Next(i + 1, start + absl::Milliseconds(i));
    const absl::Time t0 = absl::Now();
    recent.Add(std::move(t));
    const absl::Duration took = absl::Now() - t0;
    adding += took;
    add_ms.push_back(Ms(took));
    if (add_ms.back() > worst) worst = add_ms.back(), worst_at = i;
  }
  const double per_ticket = static_cast<double>(ResidentBytes() - rss_before) / count;
  std::printf(
      "add        %d tickets, %.2f s in Add; per Add ms p50 %.4f  p99.9 %.4f  max %.2f "
      "(the %dth)\n",
      count, absl::ToDoubleSeconds(adding), Percentile(add_ms, 0.5), Percentile(add_ms, 0.999),
      worst, worst_at + 1);
  std::printf("memory     %.0f bytes per ticket held (RSS growth while adding)\n", per_ticket);

  std::vector<double> similar_ms;
  size_t found = 0;
  for (int i = 0; i < probes; ++i) {
    const intake::DuplicateProbe probe = tickets.NextProbe();
    const absl::Time t0 = absl::Now();
    found += recent.Similar(probe, filled_at, 20, 0.5).size();
    similar_ms.push_back(Ms(absl::Now() - t0));
  }
  std::printf("similar    %d probes; ms p50 %.4f  p99 %.4f  max %.2f; %.2f matches each\n", probes,
              Percentile(similar_ms, 0.5), Percentile(similar_ms, 0.99),
              Percentile(similar_ms, 1.0), static_cast<double>(found) / probes);

  // Half the window ages out at once, as after an intake was stopped for a day and a half.
  const absl::Time t0 = absl::Now();
  recent.Expire(start + absl::Hours(72) + absl::Milliseconds(count / 2));
  std::printf("expire     half the window (%zu left) in %.1f ms, in holds of 1024\n", recent.size(),
              Ms(absl::Now() - t0));
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  hotline::bench::Run();
  return 0;
}
