#include "services/intake/app/identity_stock.h"

#include <algorithm>
#include <utility>

namespace hotline::intake {

void IdentityStock::NoteBatch(int size, absl::Time now) {
  if (now - last_batch_ >= options_.busy_gap) recent_sizes_.clear();
  last_batch_ = now;
  recent_sizes_.push_back(size);
  if (static_cast<int>(recent_sizes_.size()) > options_.history) recent_sizes_.pop_front();
}

bool IdentityStock::Fresh(const Drawn& drawn, absl::Time now) const {
  return now - drawn.at < options_.shelf_life;
}

bool IdentityStock::Usable(const std::string& day, absl::Time now) const {
  return day == day_ && (stock_.empty() || Fresh(stock_.front(), now));
}

std::optional<std::vector<IdentityStock::Identity>> IdentityStock::Peek(const std::string& day,
                                                                        int count,
                                                                        absl::Time now) const {
  if (count > size() || !Usable(day, now)) return std::nullopt;
  std::vector<Identity> identities;
  for (int i = 0; i < count; ++i) identities.push_back(stock_[i].identity);
  return identities;
}

int IdentityStock::Wanted(const std::string& day, int used, absl::Time now) const {
  // Only in a busy stretch: the first batch after a pause draws nothing ahead.
  if (recent_sizes_.size() < 2) return 0;
  const int target =
      std::min(options_.max, *std::max_element(recent_sizes_.begin(), recent_sizes_.end()));
  const int left = Usable(day, now) ? size() - used : 0;
  return std::max(0, target - left);
}

void IdentityStock::Replenish(const std::string& day, int used, absl::Time now,
                              std::vector<Identity> drawn) {
  if (day != day_) {
    stock_.clear();
    day_ = day;
  }
  stock_.erase(stock_.begin(), stock_.begin() + std::min(used, size()));
  while (!stock_.empty() && !Fresh(stock_.front(), now)) stock_.pop_front();
  for (Identity& identity : drawn) stock_.push_back({std::move(identity), now});
}

}  // namespace hotline::intake
