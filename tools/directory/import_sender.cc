#include "tools/directory/import_sender.h"

#include <cstdio>
#include <utility>

#include "absl/time/clock.h"

namespace hotline::directory {
namespace {

constexpr size_t kMaxChunkBytes = 3 << 20;
constexpr absl::Duration kReportEvery = absl::Milliseconds(500);

}  // namespace

void ImportSender::Begin(std::string kind, int64_t total) {
  kind_ = std::move(kind);
  total_ = total;
  sent_ = 0;
  reported_ = -1;
  last_report_ = absl::InfinitePast();
}

void ImportSender::Add(routing::v1::DepartmentType&& department) {
  if (!ok_) return;
  auto* row = chunk_.add_departments();
  *row = std::move(department);
  Added(row->ByteSizeLong());
}

void ImportSender::Add(routing::v1::Unit&& unit) {
  if (!ok_) return;
  auto* row = chunk_.add_units();
  *row = std::move(unit);
  Added(row->ByteSizeLong());
}

void ImportSender::Add(routing::v1::CatalogueRule&& rule) {
  if (!ok_) return;
  auto* row = chunk_.add_rules();
  *row = std::move(rule);
  Added(row->ByteSizeLong());
}

void ImportSender::Added(size_t bytes) {
  ++rows_in_chunk_;
  bytes_in_chunk_ += bytes + 4;  // + tag and length
  if (rows_in_chunk_ >= chunk_rows_ || bytes_in_chunk_ >= kMaxChunkBytes) Send();
}

void ImportSender::Send() {
  if (!ok_) return;
  if (chunks_sent_ == 0) chunk_.set_replace(replace_);
  ok_ = writer_.Write(chunk_);
  ++chunks_sent_;
  sent_ += rows_in_chunk_;
  chunk_.Clear();
  rows_in_chunk_ = 0;
  bytes_in_chunk_ = 0;
  if (ok_) Report(false);
}

void ImportSender::Report(bool final) {
  const absl::Time now = absl::Now();
  if (sent_ == reported_ || (!final && now - last_report_ < kReportEvery)) return;
  reported_ = sent_;
  last_report_ = now;
  std::fprintf(stderr, "%s: %lld/%lld sent\n", kind_.c_str(), static_cast<long long>(sent_),
               static_cast<long long>(total_));
}

void ImportSender::End() {
  if (rows_in_chunk_ > 0) Send();
  if (ok_) Report(true);
}

void ImportSender::Finish() {
  if (rows_in_chunk_ > 0 || chunks_sent_ == 0) Send();
}

}  // namespace hotline::directory
