#include "services/reporting/app/working_calendar.h"

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"

namespace hotline::reporting {

absl::StatusOr<std::shared_ptr<const calendar::BusinessCalendar>> WorkingCalendar::On(
    Transaction& tx, absl::CivilDay day) const {
  if (catalogue_ == nullptr) return std::shared_ptr<const calendar::BusinessCalendar>();
  absl::StatusOr<std::string> code = catalogue_->CalendarOn(tx, day);
  if (!code.ok()) return code.status();
  absl::StatusOr<std::shared_ptr<const calendar::BusinessCalendar>> working =
      calendars_->Get(tx, *code);
  if (!working.ok() && absl::IsFailedPrecondition(working.status())) {
    return absl::FailedPreconditionError(
        absl::StrCat("the catalogue's working calendar: ", working.status().message()));
  }
  return working;
}

absl::StatusOr<Judgement> WorkingCalendar::For(
    Transaction& tx, const hotline::common::v1::EventEnvelope& event) const {
  Judgement judgement{{zone_, nullptr, {}}, nullptr};
  if (catalogue_ == nullptr) return judgement;
  const absl::CivilDay day = absl::ToCivilDay(FromTimestamp(event.occurred_at()), zone_);
  if (CountsResponse(event)) {
    absl::StatusOr<ResponseLimits> limits = catalogue_->ResponseLimitsOn(tx, day);
    if (!limits.ok()) return limits.status();
    judgement.context.response_limits = *limits;
    return judgement;
  }
  if (!CountsWorkingTime(event)) return judgement;
  absl::StatusOr<std::shared_ptr<const calendar::BusinessCalendar>> working = On(tx, day);
  if (!working.ok()) return working.status();
  judgement.calendar = *std::move(working);
  judgement.context.calendar = judgement.calendar.get();
  return judgement;
}

}  // namespace hotline::reporting
