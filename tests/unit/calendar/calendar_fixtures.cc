#include "calendar_fixtures.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "absl/time/civil_time.h"
#include "libs/calendar/calendar_text.h"

namespace hotline::calendar::testing {

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) FAIL("tzdata has no Asia/Shanghai");
  return zone;
}

absl::Time Local(const std::string& text, const absl::TimeZone& zone) {
  std::string iso = text + (text.size() == 16 ? ":00" : "");
  if (iso.size() > 10) iso[10] = 'T';  // ParseCivilTime wants ISO 8601
  absl::CivilSecond civil;
  if (!absl::ParseCivilTime(iso, &civil)) {
    FAIL("bad civil time in test: " << text);
  }
  return absl::FromCivil(civil, zone);
}

std::string Show(absl::Time t, const absl::TimeZone& zone) {
  const bool whole_minute =
      zone.At(t).cs.second() == 0 && zone.At(t).subsecond == absl::ZeroDuration();
  return absl::FormatTime(whole_minute ? "%Y-%m-%d %H:%M" : "%Y-%m-%d %H:%M:%E*S", t, zone);
}

BusinessCalendar MustParse(const std::string& text) {
  absl::StatusOr<BusinessCalendar> calendar = ParseCalendar(text);
  if (!calendar.ok()) FAIL(calendar.status().ToString());
  return *std::move(calendar);
}

const BusinessCalendar& Standard() {
  static const BusinessCalendar* const kStandard = new BusinessCalendar(MustParse(R"(
code standard
zone Asia/Shanghai
weekday mon-fri 09:00-12:00 13:30-17:30
holiday 2026-01-01 2026-01-03 元旦
workday 2026-01-04 元旦调休
workday 2026-02-14 春节调休
holiday 2026-02-15 2026-02-23 春节
workday 2026-02-28 春节调休
holiday 2026-04-04 2026-04-06 清明节
holiday 2026-05-01 2026-05-05 劳动节
workday 2026-05-09 劳动节调休
holiday 2026-06-19 2026-06-21 端午节
workday 2026-09-20 国庆节调休
holiday 2026-09-25 2026-09-27 中秋节
holiday 2026-10-01 2026-10-07 国庆节
workday 2026-10-10 国庆节调休
holiday 2027-01-01 元旦
)"));
  return *kStandard;
}

std::string ReadRepoFile(const std::string& relative) {
  std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in.good()) FAIL("cannot read " << relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace hotline::calendar::testing
