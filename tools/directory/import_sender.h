#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/support/sync_stream.h"
#include "hotline/routing/v1/routing.pb.h"

namespace hotline::directory {

// Packs rows into ImportDirectory chunks of at most `chunk_rows` rows (and a few MB, under the
// server's default 4 MB message limit), the first carrying `replace`, and reports progress on
// stderr ("units: 120000/750000 sent") at most twice a second per kind.
class ImportSender {
 public:
  ImportSender(grpc::ClientWriter<routing::v1::ImportDirectoryChunk>& writer, int chunk_rows,
               bool replace)
      : writer_(writer), chunk_rows_(chunk_rows), replace_(replace) {}

  // Starts a kind of rows ("departments", "units", "rules") with its total for progress lines.
  void Begin(std::string kind, int64_t total);
  void Add(routing::v1::DepartmentType&& department);
  void Add(routing::v1::Unit&& unit);
  void Add(routing::v1::CatalogueRule&& rule);
  // Sends what is left of the current kind and prints its final progress line.
  void End();
  // Sends the last chunk (an empty one when nothing was sent, so `replace` still arrives).
  void Finish();

  // False once the stream broke: the server ended the call; Finish() on the writer says why.
  bool ok() const { return ok_; }

 private:
  void Added(size_t bytes);
  void Send();
  void Report(bool final);

  grpc::ClientWriter<routing::v1::ImportDirectoryChunk>& writer_;
  const int chunk_rows_;
  const bool replace_;
  routing::v1::ImportDirectoryChunk chunk_;
  int rows_in_chunk_ = 0;
  size_t bytes_in_chunk_ = 0;
  int64_t chunks_sent_ = 0;
  bool ok_ = true;
  std::string kind_;
  int64_t total_ = 0;
  int64_t sent_ = 0;
  int64_t reported_ = -1;  // sent_ at the last progress line
  absl::Time last_report_ = absl::InfinitePast();
};

}  // namespace hotline::directory
