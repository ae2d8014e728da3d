#include "services/intake/rules/knowledge_article.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/domain/category_code.h"
#include "libs/domain/region_code.h"
#include "services/intake/rules/request_validation.h"
#include "services/intake/rules/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;

namespace {

constexpr int kMaxKey = 200;
constexpr int kMaxTitle = 200;
constexpr int kMaxQuestion = 1000;
constexpr int kMaxBody = 20000;

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-';
}

}  // namespace

double QuestionCoverage(const v1::KnowledgeArticle& article, std::string_view text) {
  const std::vector<std::string> asked =
      DistinctTerms(article.question().empty() ? article.title() : article.question());
  if (asked.empty()) return 0;
  const std::vector<std::string> said = DistinctTerms(text);
  std::vector<std::string> common;
  std::set_intersection(asked.begin(), asked.end(), said.begin(), said.end(),
                        std::back_inserter(common));
  return static_cast<double>(common.size()) / asked.size();
}

std::vector<FieldViolation> ValidateArticle(const v1::KnowledgeArticle& article) {
  std::vector<FieldViolation> out;
  const std::string& key = article.key();
  if (key.empty()) {
    out.push_back({"article.key", "is required"});
  } else if (key.size() > kMaxKey || !std::all_of(key.begin(), key.end(), IsKeyChar)) {
    out.push_back(
        {"article.key", absl::StrCat("must be 1 to ", kMaxKey,
                                     " characters of lower-case a-z, 0-9, '/', '_', '-'")});
  }
  if (article.kind() == v1::ARTICLE_KIND_UNSPECIFIED || !v1::ArticleKind_IsValid(article.kind())) {
    out.push_back({"article.kind", "must be POLICY, QA or SCRIPT"});
  }
  CheckText("article.title", article.title(), kMaxTitle, /*required=*/true, out);
  CheckText("article.question", article.question(), kMaxQuestion, /*required=*/false, out, "\n");
  CheckText("article.body", article.body(), kMaxBody, /*required=*/true, out, "\n\t");
  if (!article.category_prefix().empty() && !domain::IsCategoryCode(article.category_prefix())) {
    out.push_back({"article.category_prefix",
                   "must be empty or lower-case segments of a-z, 0-9, '-' separated by '/'"});
  }
  if (const std::string& region = article.region_prefix(); !region.empty()) {
    auto code = domain::RegionCode::Parse(region);
    if (!code.ok()) {
      out.push_back({"article.region_prefix", std::string(code.status().message())});
    } else if (code->code() != region) {
      // Search compares prefixes as strings, which holds only for the canonical form.
      out.push_back({"article.region_prefix", absl::StrCat("must be canonical: ", code->code())});
    }
  }
  if (article.has_valid_from() && article.has_valid_until() &&
      FromTimestamp(article.valid_until()) <= FromTimestamp(article.valid_from())) {
    out.push_back({"article.valid_until", "must be after valid_from"});
  }
  return out;
}

}  // namespace hotline::intake
