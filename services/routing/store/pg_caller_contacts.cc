// PgAssignmentStore's record of the units' contacts with the caller (routing_caller_contacts).
#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "services/routing/store/pg_assignment_store.h"

namespace hotline::routing {

// The earlier contacts are counted in the same statement: the assignment row is locked, so no
// other contact on it can slip in between.
constexpr char kInsertContact[] = R"sql(
WITH earlier AS (SELECT count(*) AS n FROM routing_caller_contacts WHERE assignment_id = $1)
INSERT INTO routing_caller_contacts (assignment_id, means, contacted_at, recorded_at)
VALUES ($1, $2, 'epoch'::timestamptz + $3 * interval '1 microsecond',
  'epoch'::timestamptz + $4 * interval '1 microsecond')
RETURNING id, (SELECT n FROM earlier))sql";

RecordedContact PgAssignmentStore::RecordContact(Transaction& tx,
                                                 const hotline::routing::v1::Assignment& a,
                                                 hotline::routing::v1::ContactMeans means,
                                                 absl::Time contacted_at, absl::Time now) const {
  const pqxx::row row =
      pg::Work(tx).exec_params1(kInsertContact, a.id(), static_cast<int>(means),
                                absl::ToUnixMicros(contacted_at), absl::ToUnixMicros(now));
  RecordedContact recorded;
  hotline::routing::v1::CallerContact& c = recorded.contact;
  c.set_id(row[0].as<int64_t>());
  c.set_assignment_id(a.id());
  c.set_unit_id(a.unit_id());
  c.set_round(a.round());
  c.set_means(means);
  *c.mutable_contacted_at() = ToTimestamp(contacted_at);
  *c.mutable_recorded_at() = ToTimestamp(now);
  recorded.first = row[1].as<int64_t>() == 0;
  return recorded;
}

}  // namespace hotline::routing
