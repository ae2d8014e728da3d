#pragma once

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

// From GET http://127.0.0.1:<port>/metrics; zeros when it cannot be read (or port is 0).
WriteBatches ScrapeWriteBatches(int port);

}  // namespace hotline::bench
