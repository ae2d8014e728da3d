#include "services/intake/app/recent_tickets.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "services/intake/rules/text_terms.h"

namespace hotline::intake {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1795000000);
constexpr char kLeak[] = "小区三号楼地下室水管漏水已经三天了";
constexpr char kLeakAgain[] = "小区三号楼地下室水管漏水已经四天了";
constexpr char kNoise[] = "夜里工地施工噪音太大无法休息";

RecentTicket Ticket(int64_t id, const std::string& phone, const std::string& region,
                    const std::string& content, absl::Duration age,
                    const std::string& category = "urban-management/water") {
  return {id,
          "53-20261122-" + std::to_string(id),
          phone,
          region,
          category,
          kNow - age,
          TermSignature(content)};
}

DuplicateProbe Probe(const std::string& phone, const std::string& region,
                     const std::string& content,
                     const std::string& category = "urban-management/water") {
  return {phone, region, category, TermSignature(content)};
}

std::vector<int64_t> Ids(const std::vector<SimilarTicket>& found) {
  std::vector<int64_t> ids;
  for (const SimilarTicket& s : found) ids.push_back(s.id);
  return ids;
}

TEST_CASE("the same caller's alike tickets are found, most similar first", "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  recent.Add(Ticket(1, "13900000001", "530102", kLeakAgain, absl::Hours(5)));
  recent.Add(Ticket(2, "13900000001", "530102", kLeak, absl::Hours(4)));
  recent.Add(Ticket(3, "13900000001", "530102", kNoise, absl::Hours(3)));
  const auto found = recent.Similar(Probe("13900000001", "530999", kLeak), kNow, 20, 0.5);
  REQUIRE(Ids(found) == std::vector<int64_t>{2, 1});
  CHECK(found[0].same_caller);
  CHECK(found[0].similarity == Approx(1.0));
  CHECK(found[1].similarity < 1.0);
  CHECK(found[1].similarity >= 0.5);
  CHECK(found[0].number == "53-20261122-2");
}

TEST_CASE("the same place means the same county-level code and category from another caller",
          "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  recent.Add(Ticket(1, "13900000002", "530102", kLeak, absl::Hours(1)));
  recent.Add(Ticket(2, "13900000002", "530103", kLeak, absl::Hours(1)));
  recent.Add(Ticket(3, "13900000002", "530102", kLeak, absl::Hours(1), "housing/property"));
  recent.Add(Ticket(4, "", "530102", kLeak, absl::Hours(1)));
  SECTION("another caller finds tickets 1 and 4 as the same place") {
    const auto found = recent.Similar(Probe("13900000009", "530102", kLeak), kNow, 20, 0.5);
    CHECK(Ids(found) == std::vector<int64_t>{4, 1});
    for (const SimilarTicket& s : found) CHECK_FALSE(s.same_caller);
  }
  SECTION("the caller of ticket 1 finds it by phone, not twice") {
    const auto found = recent.Similar(Probe("13900000002", "530102", kLeak), kNow, 20, 0.5);
    CHECK(Ids(found) == std::vector<int64_t>{3, 2, 1, 4});
    CHECK(found[0].same_caller);
    CHECK_FALSE(found[3].same_caller);
  }
  SECTION("a prefecture-level place is too coarse") {
    recent.Add(Ticket(5, "", "5301", kLeak, absl::Hours(1)));
    CHECK(recent.Similar(Probe("", "5301", kLeak), kNow, 20, 0.5).empty());
  }
  SECTION("an anonymous caller is compared by place only") {
    const auto found = recent.Similar(Probe("", "530102", kLeak), kNow, 20, 0.5);
    CHECK(Ids(found) == std::vector<int64_t>{1});
  }
}

TEST_CASE("only the newest tickets of each basis within the window are compared",
          "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  // Added out of order: the bucket keeps them by creation time.
  recent.Add(Ticket(3, "13900000003", "530102", kLeak, absl::Hours(1)));
  recent.Add(Ticket(1, "13900000003", "530102", kLeak, absl::Hours(80)));
  recent.Add(Ticket(2, "13900000003", "530102", kLeak, absl::Hours(2)));
  recent.Add(Ticket(4, "13900000003", "530102", kNoise, absl::Minutes(30)));
  CHECK(Ids(recent.Similar(Probe("13900000003", "", kLeak), kNow, 20, 0.5)) ==
        std::vector<int64_t>{3, 2});
  // The two newest are ticket 4 (not alike) and ticket 3.
  CHECK(Ids(recent.Similar(Probe("13900000003", "", kLeak), kNow, 2, 0.5)) ==
        std::vector<int64_t>{3});
  CHECK(recent.size() == 4);
  recent.Expire(kNow);
  CHECK(recent.size() == 3);
  CHECK_FALSE(recent.Contains(1));
  recent.Expire(kNow + absl::Hours(72));
  CHECK(recent.size() == 0);
  CHECK(recent.Similar(Probe("13900000003", "530102", kLeak), kNow, 20, 0.5).empty());
}

TEST_CASE("a ticket added twice is held once", "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  recent.Add(Ticket(7, "13900000004", "530102", kLeak, absl::Hours(1)));
  recent.Add(Ticket(7, "13900000004", "530102", kLeak, absl::Hours(1)));
  CHECK(recent.size() == 1);
  CHECK(recent.Similar(Probe("13900000004", "530102", kLeak), kNow, 20, 0.5).size() == 1);
}

TEST_CASE("empty content matches nothing", "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  recent.Add(Ticket(1, "13900000005", "530102", "", absl::Hours(1)));
  CHECK(recent.Similar(Probe("13900000005", "530102", ""), kNow, 20, 0.0).empty());
}

TEST_CASE("signatures compare like the terms they hash", "[recent_tickets]") {
  CHECK(Jaccard(TermSignature(kLeak), TermSignature(kLeakAgain)) ==
        Approx(Jaccard(DistinctTerms(kLeak), DistinctTerms(kLeakAgain))));
  CHECK(TermSignature(kLeak).size() == DistinctTerms(kLeak).size());
}

TEST_CASE("expiry drops the oldest tickets whatever order they came in", "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  // Another replica's tickets arrive late, so ages are not in the order of arrival.
  recent.Add(Ticket(1, "13900000006", "530102", kLeak, absl::Hours(10)));
  recent.Add(Ticket(2, "13900000006", "530102", kLeak, absl::Hours(71)));
  recent.Add(Ticket(3, "13900000007", "530102", kLeak, absl::Hours(30)));
  recent.Add(Ticket(4, "13900000007", "530103", kLeak, absl::Hours(73)));
  recent.Expire(kNow + absl::Hours(2));
  CHECK(recent.size() == 2);
  CHECK(recent.Contains(1));
  CHECK(recent.Contains(3));
  CHECK(Ids(recent.Similar(Probe("13900000006", "", kLeak), kNow, 20, 0.5)) ==
        std::vector<int64_t>{1});
  CHECK(Ids(recent.Similar(Probe("13900000008", "530102", kLeak), kNow, 20, 0.5)) ==
        std::vector<int64_t>{1, 3});
  recent.Expire(kNow + absl::Hours(62));
  CHECK(recent.size() == 1);
  CHECK(recent.Contains(1));
  recent.Expire(kNow + absl::Hours(63));
  CHECK(recent.size() == 0);
}

TEST_CASE("expiring thousands of tickets lets go of the lock between rounds", "[recent_tickets]") {
  RecentTickets recent(absl::Hours(72));
  for (int i = 1; i <= 5000; ++i) {
    recent.Add(Ticket(i, "1390000" + std::to_string(1000 + i % 3000), "530102", kLeak,
                      absl::Hours(80) - absl::Seconds(i)));
  }
  recent.Add(Ticket(9999, "13900000009", "530102", kLeak, absl::Hours(1)));
  recent.Expire(kNow);
  CHECK(recent.size() == 1);
  CHECK(Ids(recent.Similar(Probe("13900000010", "530102", kLeak), kNow, 20, 0.5)) ==
        std::vector<int64_t>{9999});
}

}  // namespace
}  // namespace hotline::intake
