#pragma once

#include <string>
#include <vector>

#include "hotline/reporting/v1/reporting.pb.h"
#include "hotline/transfer/v1/transfer.pb.h"

namespace hotline::transfer {

// The frozen report's rows with each restated figure in place of the one first reported, and
// the groups that appeared since appended: what the prefecture pushes after a late correction.
// Returns how many figures were restated or added.
int ApplyCorrections(
    const google::protobuf::RepeatedPtrField<reporting::v1::CorrectionRow>& corrections,
    google::protobuf::RepeatedPtrField<reporting::v1::IndicatorRow>* rows);

// SHA-256 (hex) of the figures' deterministic serialization: what a revision is keyed by, at the
// prefecture (one queued push per content) and at the province (one row per content).
std::string MinorFiguresDigest(const v1::MinorMonthFigures& figures);

// The province's total over the prefectures' months: for each (row key, indicator code), in the
// order first seen, the numerators and denominators summed, a ratio recomputed from them, an
// average as the prefectures' averages weighted by their denominators (its unit stays). A figure
// any prefecture withheld stays withheld (the sum would reveal it, or misstate the total); a
// percentile cannot be summed and is left undefined.
std::vector<reporting::v1::IndicatorRow> ProvinceMinorTotal(
    const std::vector<const v1::MinorMonthFigures*>& months);

// The prefectures of `expected` (codes) that are not among `reported`, in `expected`'s order.
std::vector<std::string> NotReported(const std::vector<std::string>& expected,
                                     const std::vector<std::string>& reported);

}  // namespace hotline::transfer
