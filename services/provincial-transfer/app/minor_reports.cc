#include "services/provincial-transfer/app/minor_reports.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/provincial-transfer/rules/minor_figures.h"
#include "services/provincial-transfer/rules/minor_schedule.h"

namespace hotline::transfer {
namespace {

// A month holds tens of rows; anything far beyond is not a report.
constexpr int kMaxRows = 5000;

absl::Status CheckFigures(const v1::MinorMonthFigures& figures) {
  if (figures.rows_size() > kMaxRows) {
    return absl::InvalidArgumentError(
        absl::StrCat("figures.rows: at most ", kMaxRows, ", not ", figures.rows_size()));
  }
  for (const reporting::v1::IndicatorRow& row : figures.rows()) {
    for (const reporting::v1::IndicatorValue& value : row.values()) {
      if (value.suppressed() && (value.numerator() != 0 || value.denominator() != 0 ||
                                 value.value() != 0 || value.details_size() != 0)) {
        return absl::InvalidArgumentError(absl::StrCat("figures.rows: the withheld figure ",
                                                       value.code(), " must carry no numbers"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StoredRevision> MinorReports::Receive(const PeerConfig& caller,
                                                     const v1::MinorMonthFigures& figures) const {
  if (self_.role != InstanceRole::kProvince) {
    return absl::FailedPreconditionError("monthly figures go to the province's instance");
  }
  if (caller.role != InstanceRole::kPrefecture) {
    return absl::PermissionDeniedError("only a prefecture's instance pushes monthly figures");
  }
  if (figures.prefecture_code() != caller.instance_code) {
    return absl::PermissionDeniedError(
        absl::StrCat("figures.prefecture_code: peer ", caller.instance_code,
                     " may push its own figures only, not those of ", figures.prefecture_code()));
  }
  absl::StatusOr<absl::CivilMonth> month = ParseMonth(figures.month(), "figures.month");
  if (!month.ok()) return month.status();
  // A month is taken once it has ended here too (the prefecture's clock may run ahead).
  if (absl::Status ended = CheckMonthEnded(*month, clock_.Now(), ShanghaiTime()); !ended.ok()) {
    return ended;
  }
  if (absl::Status checked = CheckFigures(figures); !checked.ok()) return checked;
  MinorRevision revision;
  revision.prefecture_code = figures.prefecture_code();
  revision.month = figures.month();
  revision.content_digest = MinorFiguresDigest(figures);
  revision.figures = figures.SerializeAsString();
  revision.received_at = clock_.Now();
  return transactions_.RunFor<StoredRevision>(
      [&](Transaction& tx) -> absl::StatusOr<StoredRevision> {
        return store_.StoreRevision(tx, revision);
      });
}

absl::StatusOr<ProvincialMinorReport> MinorReports::Report(const std::string& month) const {
  absl::StatusOr<absl::CivilMonth> parsed = ParseMonth(month, "month");
  if (!parsed.ok()) return parsed.status();
  if (self_.role != InstanceRole::kProvince) {
    return absl::FailedPreconditionError(
        "the provincial minor-protection report is the province's instance's");
  }
  absl::StatusOr<std::shared_ptr<const Topology>> topology = topology_.Current();
  if (!topology.ok()) return topology.status();
  absl::StatusOr<std::vector<MinorRevision>> revisions =
      transactions_.RunFor<std::vector<MinorRevision>>(
          [&](Transaction& tx) -> absl::StatusOr<std::vector<MinorRevision>> {
            return store_.CurrentRevisions(tx, FormatMonth(*parsed));
          });
  if (!revisions.ok()) return revisions.status();
  ProvincialMinorReport report;
  report.month = FormatMonth(*parsed);
  std::vector<std::string> reported;
  for (const MinorRevision& stored : *revisions) {
    PrefectureMinorMonth row{stored.revision, stored.received_at, {}};
    if (!row.figures.ParseFromString(stored.figures)) {
      return absl::DataLossError(
          absl::StrCat("the stored figures of ", stored.prefecture_code, " do not parse"));
    }
    reported.push_back(stored.prefecture_code);
    report.prefectures.push_back(std::move(row));
  }
  std::vector<const v1::MinorMonthFigures*> months;
  for (const PrefectureMinorMonth& row : report.prefectures) months.push_back(&row.figures);
  report.province_total = ProvinceMinorTotal(months);
  std::vector<std::string> expected;
  for (const PeerConfig& peer : (*topology)->peers) {
    if (peer.role == InstanceRole::kPrefecture) expected.push_back(peer.instance_code);
  }
  std::sort(expected.begin(), expected.end());
  report.not_reported = NotReported(expected, reported);
  return report;
}

}  // namespace hotline::transfer
