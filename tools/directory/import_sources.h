#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hotline::directory {

// Where the rows of one import came from. The server names a bad row by its index in the whole
// import, per kind ("units[123].department"); this turns that back into "units.csv:125".
struct ImportSource {
  std::string file;
  std::vector<int> lines;  // lines[i] = line of the i-th row of this kind sent
};

struct ImportSources {
  ImportSource departments;
  ImportSource units;
  ImportSource rules;  // from catalogue.csv
};

// "units[123].department" + why → "units.csv:125: department: why". A chunk prefix
// ("chunks[4].units[3]") is ignored. Fields it cannot place are shown as the server gave them.
std::string DescribeViolation(const ImportSources& sources, std::string_view field,
                              std::string_view description);

}  // namespace hotline::directory
