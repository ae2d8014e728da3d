#pragma once

#include <string>

#include "hotline/transfer/v1/transfer.pb.h"
#include "services/provincial-transfer/app/minor_reports.h"

namespace hotline::transfer {

v1::GetProvincialMinorReportResponse MinorReportToProto(const ProvincialMinorReport& report);

// The report as CSV (UTF-8, a header line first): a line per figure, each prefecture's (with its
// revision and received time) by code, then the province's total (prefecture "total"), then a
// line per prefecture that has not reported (section "not_reported"). A withheld figure has
// empty numbers and suppressed=true; an undefined one an empty value.
std::string MinorReportCsv(const v1::GetProvincialMinorReportResponse& report);

}  // namespace hotline::transfer
