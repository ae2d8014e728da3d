// An operator enters next year's holidays with hotline-admin, and deadlines that fall in that
// year are computed; supervision shows how long each calendar's holidays last.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/e2e/supervision/supervision_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::supervision::testing {
namespace {

using ::hotline::testing::BinaryPath;
using ::hotline::testing::RunCommand;
using ::hotline::testing::UniqueName;

std::string Seed() {
  std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt");
  std::stringstream text;
  text << in.rdbuf();
  REQUIRE(!text.str().empty());
  return text.str();
}

TEST_CASE("hotline-admin enters next year's holidays and deadlines in that year are computed",
          "[supervision][calendar]") {
  SupervisionFixture f;
  const std::string admin = BinaryPath("hotline-admin");
  const std::string seed_file =
      std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt";
  CHECK_THAT(RunCommand(admin + " calendar check --file=" + seed_file),
             Catch::Matchers::StartsWith("calendar standard: holidays through 2027-12-31"));

  // The seed with 2028's New Year added: the calendar now reaches through 2028.
  const std::string next_year = "/tmp/" + UniqueName("calendar") + ".txt";
  {
    std::ofstream out(next_year);
    out << Seed() << "\n# ---- 2028 ----\nholiday 2028-01-01 元旦\n";
  }
  const std::string to = " --addr=" + f.process().address() + " --file=" + next_year;
  // Only an instance-wide admin may change it.
  CHECK(std::system(
            (admin + to + " --token=" + f.supervisor + " calendar put 2>/dev/null").c_str()) != 0);
  CHECK(RunCommand(admin + to + " --token=" + f.admin + " calendar put")
            .find("calendar standard stored: holidays through 2028-12-31") != std::string::npos);
  CHECK(RunCommand(admin + " --addr=" + f.process().address() + " --token=" + f.admin +
                   " calendar get --code=standard")
            .find("holiday 2028-01-01 元旦") != std::string::npos);
  unlink(next_year.c_str());

  // A dispatch on Monday 27 December 2027: the handling clock (15 working days) runs into
  // January 2028, which the seed alone would refuse.
  f.SetClock(Cst(2027, 12, 27, 10));
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  const v1::Clock handling = f.ClockOf(number, v1::CLOCK_KIND_HANDLING);
  CHECK(Show(FromProto(handling.due_at())) == Show(Cst(2028, 1, 17, 17, 30)));

  // The gauge ops alert on.
  CHECK(::hotline::testing::HttpGet(f.process().metrics_port(), "/metrics")
            .find("hotline_calendar_days_left{calendar=\"standard\"}") != std::string::npos);
}

}  // namespace
}  // namespace hotline::supervision::testing
