// The Catch2-free core of the support library: the parsers and small rules both tests and
// benchmarks lean on.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "tests/support/core/env_file.h"
#include "tests/support/core/metrics_text.h"
#include "tests/support/core/proc_readers.h"
#include "tests/support/core/scratch_database.h"
#include "tests/support/core/stats.h"

namespace hotline::support {
namespace {

constexpr char kMetrics[] =
    "# HELP hotline_x_total Calls.\n"
    "# TYPE hotline_x_total counter\n"
    "hotline_x_total{code=\"OK\"} 3\n"
    "hotline_x_total{code=\"NOT_FOUND\"} 1\n"
    "hotline_d_seconds_bucket{le=\"0.5\"} 7\n"
    "hotline_d_seconds_bucket{le=\"+Inf\"} 9\n"
    "hotline_d_seconds_sum 2.25\n";

TEST_CASE("a Prometheus text gives its samples by series, labels included", "[support]") {
  CHECK(ParseSamples(kMetrics).size() == 5);
  CHECK(Sample(kMetrics, "hotline_x_total{code=\"OK\"}") == 3);
  CHECK(Sample(kMetrics, "hotline_d_seconds_sum") == 2.25);
  CHECK(Sample(kMetrics, "hotline_x_total") == -1);
  CHECK(Sample("", "hotline_x_total") == -1);
}

TEST_CASE("the bound of a histogram bucket is read only for its own family", "[support]") {
  CHECK(BucketBound("hotline_d_seconds_bucket{le=\"0.5\"}", "hotline_d_seconds") == "0.5");
  CHECK(BucketBound("hotline_d_seconds_bucket{le=\"+Inf\"}", "hotline_d_seconds") == "+Inf");
  CHECK(BucketBound("hotline_d_seconds_sum", "hotline_d_seconds") == "");
  CHECK(BucketBound("hotline_e_seconds_bucket{le=\"1\"}", "hotline_d_seconds") == "");
}

TEST_CASE("an env file gives NAME=value lines, skips comments and drops the suite's quotes",
          "[support]") {
  const std::string path = "/tmp/hotline-env-" + std::to_string(getpid());
  std::ofstream(path) << "# PG_URL=commented\nPG_URL='postgresql://h/db?x=1&y=2'\nnot a line\n"
                         "EMPTY=\nPLAIN=a'b'\nQUOTE='\n";
  const std::map<std::string, std::string> env = ReadEnvFile(path);
  std::remove(path.c_str());
  CHECK(env.size() == 4);
  CHECK(env.at("PG_URL") == "postgresql://h/db?x=1&y=2");
  CHECK(env.at("EMPTY").empty());
  CHECK(env.at("PLAIN") == "a'b'");
  CHECK(env.at("QUOTE") == "'");
  CHECK(ReadEnvFile(path).empty());
}

TEST_CASE("a database URL keeps everything but its database name", "[support]") {
  CHECK(WithDatabase("postgresql://u@127.0.0.1:5432/hotline", "t_1") ==
        "postgresql://u@127.0.0.1:5432/t_1");
  CHECK(WithDatabase("postgresql://u@h:5432/hotline?sslmode=disable", "t_1") ==
        "postgresql://u@h:5432/t_1?sslmode=disable");
  CHECK(WithDatabase("postgresql://u@h/hotline?sslmode=verify-full&sslrootcert=/x/ca.pem", "t_1") ==
        "postgresql://u@h/t_1?sslmode=verify-full&sslrootcert=/x/ca.pem");
}

TEST_CASE("a percentile leaves the caller's values in their order", "[support]") {
  const std::vector<double> values = {5, 1, 4, 2, 3};
  CHECK(Percentile(values, 0.5) == 3);
  CHECK(Percentile(values, 0) == 1);
  CHECK(Percentile(values, 1.0) == 5);
  CHECK(Percentile({}, 0.5) == 0);
  CHECK(values == std::vector<double>{5, 1, 4, 2, 3});
}

TEST_CASE("this process reads its own resident set and folder", "[support]") {
  CHECK(ResidentBytes() > 0);
  const absl::StatusOr<std::string> dir = OwnBinaryDir();
  REQUIRE(dir.ok());
  CHECK(access((*dir).c_str(), X_OK) == 0);
}

}  // namespace
}  // namespace hotline::support
