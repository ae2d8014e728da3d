#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hotline::bench {

// intake's hotline_intake_write_batch_size histogram (submissions per transaction of its group
// commit): the totals since it started, so two scrapes give what one phase did.
struct WriteBatches {
  double sum = 0;
  double count = 0;

  double Mean() const { return count > 0 ? sum / count : 0; }
  WriteBatches operator-(const WriteBatches& before) const {
    return {sum - before.sum, count - before.count};
  }
  WriteBatches& operator+=(const WriteBatches& more) {
    sum += more.sum;
    count += more.count;
    return *this;
  }
};

// A Prometheus histogram of seconds: cumulative counts by upper bound, as scraped.
struct SecondsHistogram {
  std::vector<std::pair<double, double>> buckets;  // (le, cumulative count), +Inf last

  SecondsHistogram operator-(const SecondsHistogram& before) const;
  // The upper bound of the bucket holding quantile `q`, in ms (infinity past the last bound;
  // 0 when empty): "at most this long".
  double QuantileBoundMs(double q) const;
};

// What the bench reads of intake's /metrics.
struct IntakeMetrics {
  WriteBatches batches;
  SecondsHistogram queue_wait;  // hotline_intake_submit_queue_seconds: waiting for a writer
  SecondsHistogram write;       // hotline_intake_write_seconds: one batch's write, commit included

  IntakeMetrics operator-(const IntakeMetrics& before) const {
    return {batches - before.batches, queue_wait - before.queue_wait, write - before.write};
  }
};

// From GET http://127.0.0.1:<port>/metrics; empty when it cannot be read (or port is 0).
IntakeMetrics ScrapeIntakeMetrics(int port);

}  // namespace hotline::bench
