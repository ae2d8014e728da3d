#pragma once

#include <memory>
#include <string>

#include "services/routing/rules/routing_rules.h"

namespace hotline::routing::testing {

// Kunming (5301): Wuhua, an urban district (530102), with a street and a community below it;
// Fumin (530124), a county, with a town below it. Some gaps and a duplicate on purpose.
std::shared_ptr<const DirectorySnapshot> TestDirectory();

domain::RegionCode Code(const std::string& text);

}  // namespace hotline::routing::testing
