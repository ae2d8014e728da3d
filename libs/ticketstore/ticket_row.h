#pragma once

#include <cstdint>
#include <pqxx/row>
#include <string>

#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/proto_time.h"
#include "libs/crypto/field_cipher.h"

namespace hotline::ticketstore {

// The columns TicketFromRow reads, in order, for SELECT and RETURNING clauses.
extern const char kTicketColumns[];

// The ticket of a row, its personal fields opened with `cipher` (a row written before sealing
// began holds them in plain columns until the resealer reaches it). Throws std::runtime_error
// when they do not open (a missing key, an altered row): a caller's transaction fails INTERNAL.
hotline::common::v1::Ticket TicketFromRow(const pqxx::row& row, const crypto::FieldCipher& cipher);

// The ticket a new row of `draft` reads back as (TicketFromRow), without reading it: the stored
// fields of the draft with what the store assigns. `now` is kept to the microsecond, as stored.
hotline::common::v1::Ticket StoredTicket(const hotline::common::v1::Ticket& draft, int64_t id,
                                         const std::string& number, const std::string& instance_id,
                                         hotline::common::v1::TicketState state, int64_t version,
                                         absl::Time now);

}  // namespace hotline::ticketstore
