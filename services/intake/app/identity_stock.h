#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/ticketstore/ticket_store.h"

namespace hotline::intake {

struct IdentityStockOptions {
  // Below RecentTicketsFeedOptions::gap_patience, so that other replicas still find a ticket
  // written with an identity drawn this long before.
  absl::Duration shelf_life = absl::Seconds(20);
  // Batches starting closer together than this mean the writer is busy.
  absl::Duration busy_gap = absl::Milliseconds(50);
  int max = 64;     // at most this many kept (the writers' max_batch)
  int history = 8;  // a busy writer keeps as many as the largest of its last `history` batches
};

// Ids and numbers of tickets drawn ahead by one writer, so that its next batch needs no look-up
// round trip to draw them: each write draws the next batch's identities along with its inserts.
// Only a busy writer keeps a stock: a quiet one would lose a number each time its stock aged out.
// Identities are good for the service day they were drawn on and for `shelf_life`; older ones
// are given up (their numbers stay unused). Used by one thread.
class IdentityStock {
 public:
  using Identity = ticketstore::TicketIdentity;

  explicit IdentityStock(IdentityStockOptions options = {}) : options_(options) {}

  // Notes that a batch of `size` submissions starts at `now`.
  void NoteBatch(int size, absl::Time now);
  // The first `count` identities for tickets created at `now` on service day `day`, when the stock
  // has that many; nothing is taken until Replenish says they were used.
  std::optional<std::vector<Identity>> Peek(const std::string& day, int count,
                                            absl::Time now) const;
  // How many a write at `now` on `day` using `used` of the stock should draw for the next batch.
  int Wanted(const std::string& day, int used, absl::Time now) const;
  // After a committed write at `now` on `day`: `used` identities went into it, `drawn` were drawn.
  void Replenish(const std::string& day, int used, absl::Time now, std::vector<Identity> drawn);

  // After a failed write: what it used may have been written (a connection lost at the commit).
  void Discard() { stock_.clear(); }

  int size() const { return static_cast<int>(stock_.size()); }

 private:
  struct Drawn {
    Identity identity;
    absl::Time at;
  };
  bool Fresh(const Drawn& drawn, absl::Time now) const;
  bool Usable(const std::string& day, absl::Time now) const;

  const IdentityStockOptions options_;
  std::string day_;          // of every identity in stock
  std::deque<Drawn> stock_;  // oldest first
  absl::Time last_batch_ = absl::InfinitePast();
  std::deque<int> recent_sizes_;  // of the batches of the current busy stretch
};

}  // namespace hotline::intake
