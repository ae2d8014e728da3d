#pragma once

#include <istream>
#include <string>
#include <vector>

namespace hotline::directory {

// Reads RFC 4180 records one at a time: quoted fields, doubled quotes, line breaks inside quotes,
// CRLF or LF line ends, an optional UTF-8 BOM. Blank lines are skipped, and so are lines starting
// with '#' where a record would start, so the committed files can carry a comment block. Streaming,
// so a national-size file never has to fit in memory.
class CsvReader {
 public:
  enum class Result { kRecord, kBadRecord, kEnd };

  explicit CsvReader(std::istream& in) : in_(in) {}

  // kRecord: `fields` holds the record. kBadRecord: error() says why, and reading resumes at the
  // next line. kEnd: no more input.
  Result Next(std::vector<std::string>* fields);

  // First physical line (1-based) of the record Next() returned last.
  int line() const { return record_line_; }
  const std::string& error() const { return error_; }

 private:
  bool ReadLine();  // the next physical line into line_, without its line end
  Result Bad(std::string why);

  std::istream& in_;
  std::string line_;
  int line_number_ = 0;
  int record_line_ = 0;
  std::string error_;
};

}  // namespace hotline::directory
