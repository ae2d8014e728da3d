#pragma once

#include <string>

namespace hotline::directory {

// One bad row of an input file, reported as "file:line: column: why" so editors can jump to it.
struct RowError {
  std::string file;
  int line = 0;
  std::string column;  // "" when the whole row (or the file) is at fault
  std::string message;

  std::string ToString() const;
};

}  // namespace hotline::directory
