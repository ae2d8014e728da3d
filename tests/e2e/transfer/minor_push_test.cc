// The monthly minor-protection push on the federation: Kunming and Qujing push a month's figures
// from their reporting services, and the province's report and CSV show both; a push made while
// the province's transfer is stopped waits at Qujing and arrives once it is back. Stops a process
// of the shared federation, so it runs alone (with the outage test).
#include <grpcpp/client_context.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <random>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "hotline/transfer/v1/transfer.grpc.pb.h"
#include "libs/tls/dial.h"
#include "tests/e2e/transfer/federation_process.h"
#include "tests/e2e/transfer/federation_support.h"
#include "tests/support/test_env.h"

namespace hotline::transfer {
namespace {

using ::hotline::testing::PollUntil;
using testing::As;
using testing::Endpoints;
using testing::FederationDir;
using testing::Query;

std::unique_ptr<v1::Transfer::Stub> TransferAt(const std::string& code) {
  const auto endpoints = Endpoints(code);
  tls::ClientTls client;
  if (auto ca = endpoints.find("TLS_CA"); ca != endpoints.end()) client.ca = ca->second;
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel =
      tls::Dial(endpoints.at("TRANSFER_ADDR"), client);
  REQUIRE(channel.ok());
  return v1::Transfer::NewStub(*channel);
}

// Two distinct months long past, so that a run finds them not pushed yet (the schedule pushes
// only the month just ended).
std::pair<std::string, std::string> TwoOldMonths() {
  std::mt19937 random{std::random_device{}()};
  const int first = std::uniform_int_distribution<int>(0, 119)(random);
  const int second = (first + 1 + std::uniform_int_distribution<int>(0, 117)(random)) % 120;
  auto month = [](int n) { return absl::StrFormat("%04d-%02d", 2010 + n / 12, 1 + n % 12); };
  return {month(first), month(second)};
}

void PushAt(const std::string& code, const std::string& month) {
  v1::PushMinorMonthRequest request;
  request.set_month(month);
  v1::PushMinorMonthResponse response;
  const grpc::Status status = TransferAt(code)->PushMinorMonth(
      As(Endpoints(code).at("HOTLINE_TOKEN_ADMIN")).get(), request, &response);
  INFO(code << " " << month << ": " << status.error_message());
  REQUIRE(status.ok());
  CHECK(response.content_digest().size() == 64);
}

// The province's report of `month` once it lists every one of `codes` (empty when it does not
// within the time).
std::optional<v1::GetProvincialMinorReportResponse> ReportListing(
    const std::string& month, const std::vector<std::string>& codes, absl::Duration within) {
  const auto province = Endpoints("53");
  auto stub = TransferAt("53");
  v1::GetProvincialMinorReportResponse report;
  const bool listed = PollUntil(within, [&] {
    v1::GetProvincialMinorReportRequest request;
    request.set_month(month);
    report.Clear();
    if (!stub->GetProvincialMinorReport(As(province.at("HOTLINE_TOKEN_SUPERVISOR")).get(), request,
                                        &report)
             .ok()) {
      return false;
    }
    size_t found = 0;
    for (const auto& row : report.prefectures()) {
      found += std::count(codes.begin(), codes.end(), row.prefecture_code());
    }
    return found == codes.size();
  });
  if (!listed) return std::nullopt;
  return report;
}

TEST_CASE("Kunming and Qujing push a month and the province's report and CSV show both",
          "[federation][minors]") {
  const std::string month = TwoOldMonths().first;
  PushAt("5301", month);
  PushAt("5303", month);
  const auto report = ReportListing(month, {"5301", "5303"}, absl::Seconds(60));
  REQUIRE(report.has_value());
  CHECK(report->month() == month);
  for (const auto& row : report->prefectures()) {
    INFO(row.prefecture_code());
    CHECK(row.revision() >= 1);
    CHECK(row.has_received_at());
    CHECK(row.figures().month() == month);
    CHECK(row.figures().rows_size() > 0);  // reporting's "total" section, zeros included
    CHECK(!row.figures().reporting_digest().empty());
  }
  CHECK(report->province_total_size() > 0);
  for (const std::string& code : report->not_reported()) CHECK((code != "5301" && code != "5303"));

  // The CSV for the civil affairs department, read with the statistics role.
  const auto province = Endpoints("53");
  v1::GetProvincialMinorReportRequest request;
  request.set_month(month);
  auto context = As(province.at("HOTLINE_TOKEN_REPORTING"));
  auto reader = TransferAt("53")->ExportProvincialMinorReport(context.get(), request);
  std::string csv;
  v1::ExportProvincialMinorReportChunk chunk;
  while (reader->Read(&chunk)) csv += chunk.csv();
  const grpc::Status status = reader->Finish();
  INFO(status.error_message());
  REQUIRE(status.ok());
  const std::vector<std::string> lines = absl::StrSplit(csv, '\n', absl::SkipEmpty());
  REQUIRE(lines.size() > 3);
  CHECK(absl::StartsWith(lines[0], "prefecture,revision,received_at,section,key,indicator"));
  auto has_line = [&](const std::string& prefix) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& line) { return absl::StartsWith(line, prefix); });
  };
  CHECK(has_line("5301,"));
  CHECK(has_line("5303,"));
  CHECK(has_line("total,,,total,,received,"));
}

TEST_CASE("A push made while the province is stopped arrives after it returns",
          "[federation][minors]") {
  const std::string month = TwoOldMonths().second;
  absl::StatusOr<testing::FederationService> province =
      testing::FederationService::Of(FederationDir(), "53", "hotline-transfer");
  REQUIRE(province.ok());
  REQUIRE(province->Stop().ok());
  PushAt("5303", month);
  // Qujing keeps it and tries: a failed attempt recorded, still pending.
  const std::string qujing_pg = Endpoints("5303").at("PG_URL");
  const bool tried = PollUntil(absl::Seconds(40), [&] {
    const std::string attempts = Query(
        qujing_pg,
        "SELECT attempts FROM transfer_minor_pushes WHERE month = $1 AND state = 'pending'", month);
    return !attempts.empty() && std::stoi(attempts) >= 1;
  });
  const absl::Status restarted = province->Start();
  REQUIRE(restarted.ok());
  REQUIRE(tried);

  const auto report = ReportListing(month, {"5303"}, absl::Seconds(90));
  REQUIRE(report.has_value());
  CHECK(report->prefectures(0).revision() == 1);
  CHECK(Query(qujing_pg, "SELECT state FROM transfer_minor_pushes WHERE month = $1", month) ==
        "delivered");
}

}  // namespace
}  // namespace hotline::transfer
