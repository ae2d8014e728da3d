#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "hotline/routing/v1/routing.pb.h"
#include "tools/directory/row_error.h"

namespace hotline::directory {

// units.csv: id,name,region_code,department,parent_id,active,contact_roles
// parent_id may be empty (a top unit); active is true|false (empty = true); contact_roles is a
// '|'-separated list. The region code is stored in its canonical short form.
using UnitFn = std::function<void(routing::v1::Unit&& unit, int line)>;

// Calls `unit` for every good row; returns every bad row (bad id, malformed region code, bad
// department code, an id given twice, …). Department types are checked against departments.csv
// separately (DepartmentIndex), since the two files are read apart.
std::vector<RowError> ReadUnits(std::istream& in, const std::string& file, const UnitFn& unit);

// Streams units.csv: the header at construction, one row per Write, buffered so that writing
// the national directory stays fast without building the whole text in memory.
class UnitCsvWriter {
 public:
  explicit UnitCsvWriter(std::ostream& out);
  ~UnitCsvWriter() { Flush(); }
  UnitCsvWriter(const UnitCsvWriter&) = delete;
  UnitCsvWriter& operator=(const UnitCsvWriter&) = delete;

  void Write(const routing::v1::Unit& unit);
  void Flush();

 private:
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace hotline::directory
