#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <pqxx/row>

#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"

namespace hotline::ticketstore {

// The columns TicketFromRow reads, in order, for SELECT and RETURNING clauses.
extern const char kTicketColumns[];

hotline::common::v1::Ticket TicketFromRow(const pqxx::row& row);

google::protobuf::Timestamp ToTimestamp(absl::Time t);
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);

}  // namespace hotline::ticketstore
