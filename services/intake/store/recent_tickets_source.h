#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/transaction.h"
#include "libs/crypto/field_cipher.h"

namespace hotline::intake {

// A ticket id the feed saw, and whether it may be repeated at all.
struct SeenTicket {
  int64_t id = 0;
  bool excluded = false;  // refused, withdrawn or merged
  absl::Time created_at;
};

// What duplicate detection compares of a ticket.
struct TicketSketch {
  int64_t id = 0;
  std::string number, phone, region, category, content;
};

// Every replica's tickets, read in by id for duplicate detection (events/recent_tickets_feed.h).
class RecentTicketsSource {
 public:
  virtual ~RecentTicketsSource() = default;

  // The first ticket id created at or after `since`; 0 when there is none.
  virtual int64_t FirstSince(Transaction& tx, absl::Time since) const = 0;
  // Up to `limit` tickets after id `after`, in id order, then those of `late` (ids up to `after`
  // that were not visible before) that now are.
  virtual std::vector<SeenTicket> NewTickets(Transaction& tx, int64_t after,
                                             const std::vector<int64_t>& late, int limit) const = 0;
  virtual std::vector<TicketSketch> Sketches(Transaction& tx,
                                             const std::vector<int64_t>& ids) const = 0;
};

// On PostgreSQL: the tickets table of the ticket core, read only; the phone and content opened
// with the ticket core's keys (libs/ticketstore/sealed_fields.h).
class PgRecentTicketsSource final : public RecentTicketsSource {
 public:
  explicit PgRecentTicketsSource(const crypto::FieldCipher& cipher) : cipher_(cipher) {}

  int64_t FirstSince(Transaction& tx, absl::Time since) const override;
  std::vector<SeenTicket> NewTickets(Transaction& tx, int64_t after,
                                     const std::vector<int64_t>& late, int limit) const override;
  std::vector<TicketSketch> Sketches(Transaction& tx,
                                     const std::vector<int64_t>& ids) const override;

 private:
  const crypto::FieldCipher& cipher_;
};

}  // namespace hotline::intake
