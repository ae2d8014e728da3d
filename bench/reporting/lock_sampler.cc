#include "bench/reporting/lock_sampler.h"

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "absl/time/clock.h"

namespace hotline::bench {

LockSampler::LockSampler(const std::string& url)
    : thread_([this, url] {
        try {
          pqxx::connection conn(url);
          pqxx::nontransaction q(conn);
          while (!stop_) {
            const pqxx::result r = q.exec(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'");
            waiting_ += r[0][0].as<int64_t>();
            ++samples_;
            absl::SleepFor(absl::Milliseconds(100));
          }
        } catch (const std::exception&) {
          // Sampling is an aid to reading the figures; the run goes on without it.
        }
      }) {}

LockSampler::~LockSampler() {
  stop_ = true;
  thread_.join();
}

}  // namespace hotline::bench
