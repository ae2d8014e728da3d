#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace hotline::bench {

// A running local federation (`deploy/local/suite up --federation --dir DIR`) as the benchmark
// uses it: tickets about Qujing submitted at Kunming, and counts read from each instance's
// database.
class Federation {
 public:
  explicit Federation(std::string dir);

  const std::string& dir() const { return dir_; }
  std::string PgUrl(const std::string& code) const;

  // Submits one ticket about a place in Qujing at Kunming; its number ("" when refused).
  std::string SubmitAtKunming(const std::string& key) const;

  // Transfers that have reached Qujing through the province, all time (the benchmark compares
  // counts before and after).
  int64_t ArrivedAtQujing() const;
  // Kunming's messages for the province not delivered yet.
  int64_t PendingAtKunming() const;
  // When Qujing dispatched each of `numbers` (tickets taken at Kunming), for those it has.
  std::map<std::string, absl::Time> DispatchedAtQujing(
      const std::vector<std::string>& numbers) const;

 private:
  const std::string dir_;
  std::map<std::string, std::map<std::string, std::string>> endpoints_;
};

}  // namespace hotline::bench
