#include "services/intake/app/identity_stock.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace hotline::intake {
namespace {

using Identity = IdentityStock::Identity;

const absl::Time kStart = absl::FromUnixSeconds(1795000000);
constexpr char kDay[] = "2026-11-22";
constexpr char kNextDay[] = "2026-11-23";

std::vector<Identity> Drawn(int64_t first, int count) {
  std::vector<Identity> out;
  for (int64_t id = first; id < first + count; ++id) out.push_back({id, std::to_string(id)});
  return out;
}

std::vector<int64_t> Ids(const std::vector<Identity>& identities) {
  std::vector<int64_t> ids;
  for (const Identity& i : identities) ids.push_back(i.id);
  return ids;
}

// Batches of `size`, 10 ms apart from `at`: a busy writer.
void Busy(IdentityStock& stock, int size, absl::Time at, int batches = 2) {
  for (int i = 0; i < batches; ++i) stock.NoteBatch(size, at + i * absl::Milliseconds(10));
}

TEST_CASE("a quiet writer draws nothing ahead", "[intake][identity_stock]") {
  IdentityStock stock;
  stock.NoteBatch(1, kStart);
  CHECK(stock.Wanted(kDay, 0, kStart) == 0);
  stock.NoteBatch(1, kStart + absl::Seconds(1));  // a second later: still quiet
  CHECK(stock.Wanted(kDay, 0, kStart + absl::Seconds(1)) == 0);
  CHECK_FALSE(stock.Peek(kDay, 1, kStart + absl::Seconds(1)));
}

TEST_CASE("a busy writer keeps the largest recent batch in stock", "[intake][identity_stock]") {
  IdentityStock stock;
  stock.NoteBatch(3, kStart);
  stock.NoteBatch(7, kStart + absl::Milliseconds(5));
  stock.NoteBatch(2, kStart + absl::Milliseconds(10));
  const absl::Time now = kStart + absl::Milliseconds(10);
  REQUIRE(stock.Wanted(kDay, 0, now) == 7);
  stock.Replenish(kDay, 0, now, Drawn(100, 7));

  auto taken = stock.Peek(kDay, 2, now);
  REQUIRE(taken);
  CHECK(Ids(*taken) == std::vector<int64_t>{100, 101});
  CHECK(stock.size() == 7);  // peeking takes nothing
  // Using two leaves five: two more are drawn to keep seven.
  CHECK(stock.Wanted(kDay, 2, now) == 2);
  stock.Replenish(kDay, 2, now, Drawn(200, 2));
  CHECK(stock.size() == 7);
  CHECK(Ids(*stock.Peek(kDay, 7, now)) == std::vector<int64_t>{102, 103, 104, 105, 106, 200, 201});
  CHECK_FALSE(stock.Peek(kDay, 8, now));
}

TEST_CASE("the target never exceeds the maximum", "[intake][identity_stock]") {
  IdentityStockOptions options;
  options.max = 4;
  IdentityStock stock(options);
  Busy(stock, 10, kStart);
  CHECK(stock.Wanted(kDay, 0, kStart) == 4);
}

TEST_CASE("a pause ends the busy stretch", "[intake][identity_stock]") {
  IdentityStock stock;
  Busy(stock, 5, kStart);
  CHECK(stock.Wanted(kDay, 0, kStart) == 5);
  const absl::Time later = kStart + absl::Seconds(2);
  stock.NoteBatch(1, later);
  CHECK(stock.Wanted(kDay, 0, later) == 0);
}

TEST_CASE("identities are not used past their shelf life", "[intake][identity_stock]") {
  IdentityStock stock;
  Busy(stock, 3, kStart);
  stock.Replenish(kDay, 0, kStart, Drawn(1, 3));
  CHECK(stock.Peek(kDay, 3, kStart + absl::Seconds(19)));
  const absl::Time stale = kStart + absl::Seconds(20);
  CHECK_FALSE(stock.Peek(kDay, 1, stale));
  // The write that looked up instead drops them and stocks what it drew.
  Busy(stock, 3, stale);
  CHECK(stock.Wanted(kDay, 0, stale) == 3);
  stock.Replenish(kDay, 0, stale, Drawn(50, 3));
  CHECK(Ids(*stock.Peek(kDay, 3, stale)) == std::vector<int64_t>{50, 51, 52});
}

TEST_CASE("identities of another service day are not used", "[intake][identity_stock]") {
  IdentityStock stock;
  Busy(stock, 2, kStart);
  stock.Replenish(kDay, 0, kStart, Drawn(1, 2));
  CHECK_FALSE(stock.Peek(kNextDay, 1, kStart + absl::Seconds(1)));
  CHECK(stock.Wanted(kNextDay, 0, kStart + absl::Seconds(1)) == 2);
  stock.Replenish(kNextDay, 0, kStart + absl::Seconds(1), Drawn(9, 2));
  CHECK(Ids(*stock.Peek(kNextDay, 2, kStart + absl::Seconds(1))) == std::vector<int64_t>{9, 10});
}

TEST_CASE("a failed write gives up the stock", "[intake][identity_stock]") {
  IdentityStock stock;
  Busy(stock, 2, kStart);
  stock.Replenish(kDay, 0, kStart, Drawn(1, 2));
  stock.Discard();
  CHECK(stock.size() == 0);
  CHECK_FALSE(stock.Peek(kDay, 1, kStart));
}

}  // namespace
}  // namespace hotline::intake
