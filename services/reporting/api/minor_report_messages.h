#pragma once

#include "hotline/reporting/v1/reporting.pb.h"
#include "services/reporting/app/minor_report.h"

namespace hotline::reporting {

// The minors' report and its corrections as messages (proto ⇄ domain only).
void FillMinorReport(const MinorReport& report,
                     hotline::reporting::v1::MonthlyMinorProtectionReportResponse& out);
void FillCorrections(const ReportCorrections& corrections,
                     hotline::reporting::v1::ListReportCorrectionsResponse& out);

}  // namespace hotline::reporting
