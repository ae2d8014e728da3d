#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "hotline/routing/v1/routing.pb.h"
#include "tools/directory/row_error.h"

namespace hotline::directory {

// catalogue.csv: category_prefix,region_prefix,area_kind,tier,departments,priority,note
// area_kind is any|urban-district|county (empty = any); tier is province|prefecture|county|
// township|village; departments is a '|'-separated list, the lead (主办) first, then the
// co-handlers (协办); priority defaults to 100. Every rule read is active.
using RuleFn = std::function<void(routing::v1::CatalogueRule&& rule, int line)>;

// Calls `rule` for every good row; returns every bad row: malformed category or region prefix,
// unknown area kind or tier, empty or repeated departments, an area kind that can never match
// the region prefix, and two rules that would always tie (same category prefix, region prefix,
// area kind and priority) — the routing engine sends such matters to the manual queue.
std::vector<RowError> ReadCatalogue(std::istream& in, const std::string& file, const RuleFn& rule);

void WriteCatalogue(std::ostream& out, absl::Span<const routing::v1::CatalogueRule> rules);

}  // namespace hotline::directory
