// hotline-knowledge: imports the knowledge base's files (deploy/knowledge/: articles and
// synonyms) into intake through its RPCs, as an office would edit them one by one.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "libs/service/env_flags.h"
#include "libs/tls/client_flags.h"
#include "tools/knowledge/knowledge_files.h"

ABSL_FLAG(std::string, addr, "", "host:port of the intake service");
ABSL_FLAG(std::string, token, "",
          "bearer token of an office or admin credential for the whole "
          "instance (or HOTLINE_TOKEN)");
ABSL_FLAG(std::string, articles, "", "articles.txt to import");
ABSL_FLAG(std::string, synonyms, "", "synonyms.txt to import");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(30), "deadline of each call");

namespace {

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] = R"(hotline-knowledge import [flags]

Checks the files, then sends every article (UpsertKnowledgeArticle: each becomes a new version of
its key) and every synonym group (SetKnowledgeSynonyms) to intake.
  --addr=HOST:PORT --token=TOKEN (or HOTLINE_TOKEN)
  [--articles=deploy/knowledge/articles.txt] [--synonyms=deploy/knowledge/synonyms.txt]
  [--deadline=30s] [--tls_ca=CA.pem [--tls_client_cert=… --tls_client_key=…]]

Every --flag can also be set as HOTLINE_<FLAG> in the environment.)";

namespace v1 = hotline::intake::v1;

// The call's context: the token and a deadline.
void Prepare(grpc::ClientContext& context, const std::string& token) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::GetFlag(FLAGS_deadline)));
  context.AddMetadata("authorization", "Bearer " + token);
}

// Calls `call` with a fresh context, again after a pause while the credential's rate limit
// refuses it (an office credential may make 20 calls a second).
template <typename Call>
grpc::Status WithinRateLimit(const std::string& token, Call call) {
  for (int attempt = 0;; ++attempt) {
    grpc::ClientContext context;
    Prepare(context, token);
    grpc::Status status = call(&context);
    if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED || attempt == 30) {
      return status;
    }
    absl::SleepFor(absl::Seconds(1));
  }
}

bool Report(const grpc::Status& status, const std::string& what) {
  if (status.ok()) return true;
  std::fprintf(stderr, "%s: %s\n", what.c_str(), status.error_message().c_str());
  return false;
}

int Import() {
  const std::string addr = absl::GetFlag(FLAGS_addr), token = absl::GetFlag(FLAGS_token);
  const std::string articles_path = absl::GetFlag(FLAGS_articles);
  const std::string synonyms_path = absl::GetFlag(FLAGS_synonyms);
  if (addr.empty() || token.empty() || (articles_path.empty() && synonyms_path.empty())) {
    std::fprintf(stderr, "import needs --addr, --token and --articles or --synonyms\n");
    return kExitUsage;
  }
  std::vector<v1::KnowledgeArticle> articles;
  std::vector<v1::KnowledgeSynonyms> synonyms;
  for (const auto& [path, parse] :
       {std::pair<std::string, int>{articles_path, 0}, {synonyms_path, 1}}) {
    if (path.empty()) continue;
    absl::StatusOr<std::string> text = hotline::knowledge::ReadFile(path);
    absl::Status parsed = text.status();
    if (text.ok() && parse == 0) {
      auto read = hotline::knowledge::ParseArticles(*text);
      parsed = read.status();
      if (read.ok()) articles = *std::move(read);
    } else if (text.ok()) {
      auto read = hotline::knowledge::ParseSynonyms(*text);
      parsed = read.status();
      if (read.ok()) synonyms = *std::move(read);
    }
    if (!parsed.ok()) {
      std::fprintf(stderr, "%s: %s; nothing was sent\n", path.c_str(),
                   std::string(parsed.message()).c_str());
      return kExitFailed;
    }
  }
  auto channel = hotline::tls::Dial(addr, hotline::tls::ClientTlsFromFlags());
  if (!channel.ok()) {
    std::fprintf(stderr, "%s\n", std::string(channel.status().message()).c_str());
    return kExitUsage;
  }
  auto stub = v1::Intake::NewStub(*channel);
  int failed = 0;
  for (const v1::KnowledgeArticle& article : articles) {
    v1::UpsertKnowledgeArticleRequest request;
    *request.mutable_article() = article;
    v1::UpsertKnowledgeArticleResponse response;
    grpc::Status status = WithinRateLimit(token, [&](grpc::ClientContext* context) {
      return stub->UpsertKnowledgeArticle(context, request, &response);
    });
    failed += !Report(status, "article " + article.key());
  }
  for (const v1::KnowledgeSynonyms& s : synonyms) {
    v1::SetKnowledgeSynonymsRequest request;
    *request.mutable_synonyms() = s;
    v1::SetKnowledgeSynonymsResponse response;
    grpc::Status status = WithinRateLimit(token, [&](grpc::ClientContext* context) {
      return stub->SetKnowledgeSynonyms(context, request, &response);
    });
    failed += !Report(status, "synonyms of " + s.term());
  }
  std::printf("imported %zu articles and %zu synonym terms (%d failed)\n", articles.size(),
              synonyms.size(), failed);
  return failed == 0 ? 0 : kExitFailed;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> positional = hotline::service::ParseFlagsWithEnvironment(argc, argv, kUsage);
  std::vector<std::string> words(positional.begin() + 1, positional.end());
  if (words.size() == 1 && words[0] == "import") return Import();
  if (!words.empty())
    std::fprintf(stderr, "unknown command: %s\n", absl::StrJoin(words, " ").c_str());
  std::fprintf(stderr, "\n%s\n", kUsage);
  return kExitUsage;
}
