#include "services/provincial-transfer/rules/minor_schedule.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::transfer {

absl::Status ValidateMinorPushSchedule(const MinorPushSchedule& schedule) {
  if (schedule.day_of_month < 1 || schedule.day_of_month > 28) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--minor_push_day must be from 1 to 28 (every month has it), not ", schedule.day_of_month));
  }
  if (schedule.hour < 0 || schedule.hour > 23) {
    return absl::InvalidArgumentError(
        absl::StrCat("--minor_push_hour must be from 0 to 23, not ", schedule.hour));
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::CivilMonth> ParseMonth(absl::string_view text, absl::string_view field) {
  int year = 0, month = 0;
  const bool shaped = text.size() == 7 && text[4] == '-' &&
                      absl::SimpleAtoi(text.substr(0, 4), &year) &&
                      absl::SimpleAtoi(text.substr(5, 2), &month) && text[0] != '+' &&
                      text[5] != '+' && year >= 2000 && month >= 1 && month <= 12;
  if (!shaped) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " must be a month \"YYYY-MM\" (from 2000), not \"", text, "\""));
  }
  return absl::CivilMonth(year, month);
}

std::string FormatMonth(absl::CivilMonth month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

absl::CivilMonth DueMinorMonth(const MinorPushSchedule& schedule, absl::Time now,
                               absl::TimeZone zone) {
  const absl::CivilHour local = absl::ToCivilHour(now, zone);
  const absl::CivilMonth this_month(local);
  const absl::CivilHour push_time(this_month.year(), this_month.month(), schedule.day_of_month,
                                  schedule.hour);
  return local >= push_time ? this_month - 1 : this_month - 2;
}

absl::Status CheckMonthEnded(absl::CivilMonth month, absl::Time now, absl::TimeZone zone) {
  if (month >= absl::CivilMonth(absl::ToCivilSecond(now, zone))) {
    return absl::FailedPreconditionError(
        absl::StrCat("month ", FormatMonth(month), " has not ended: its figures are not final"));
  }
  return absl::OkStatus();
}

}  // namespace hotline::transfer
