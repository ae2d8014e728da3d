#pragma once

#include <string>
#include <vector>

#include "libs/service/access_table.h"

namespace hotline::security {

// Every service's authorisation table, as its main.cc hands it to ServiceMain.
struct ServiceAccess {
  std::string service;  // the folder under services/
  const service::AccessTable* table;
};
std::vector<ServiceAccess> SuiteAccess();

// All the tables' lines in one table.
service::AccessTable MergedAccess();

// The root README's section "Who may call what" as the tables say it: per service, one row per
// RPC, one column per role, each cell the scope (or "—").
std::string AccessMarkdown();

}  // namespace hotline::security
