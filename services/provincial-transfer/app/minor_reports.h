#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/topology_cache.h"
#include "services/provincial-transfer/store/minor_report_store.h"

namespace hotline::transfer {

// A prefecture's month at the province: its latest revision.
struct PrefectureMinorMonth {
  int revision = 0;
  absl::Time received_at;
  v1::MinorMonthFigures figures;
};

// The provincial report of a month for the civil affairs department (省民政厅).
struct ProvincialMinorReport {
  std::string month;
  std::vector<PrefectureMinorMonth> prefectures;  // by code
  std::vector<reporting::v1::IndicatorRow> province_total;
  std::vector<std::string> not_reported;  // prefecture peers without figures, by code
};

// The province's side of the monthly push: each prefecture's figures stored as revisions
// (transfer_minor_reports), consolidated into the provincial report.
class MinorReports {
 public:
  MinorReports(TransactionRunner& transactions, const MinorReportStore& store,
               TopologyCache& topology, const Clock& clock, const SelfInstance& self)
      : transactions_(transactions),
        store_(store),
        topology_(topology),
        clock_(clock),
        self_(self) {}

  // A prefecture's push over the peer port. Only to the province; only a prefecture peer, and
  // only its own figures (PERMISSION_DENIED otherwise); a month that has ended; a withheld
  // figure carries no numbers. The same content again is its stored revision (duplicate).
  absl::StatusOr<StoredRevision> Receive(const PeerConfig& caller,
                                         const v1::MinorMonthFigures& figures) const;

  // The month's report: every prefecture's current revision, the province's total over them and
  // the prefecture peers that have not reported.
  absl::StatusOr<ProvincialMinorReport> Report(const std::string& month) const;

 private:
  TransactionRunner& transactions_;
  const MinorReportStore& store_;
  TopologyCache& topology_;
  const Clock& clock_;
  const SelfInstance self_;
};

}  // namespace hotline::transfer
