#include "services/intake/rules/request_validation.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/domain/category_code.h"
#include "libs/domain/region_code.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;

constexpr int kMaxUri = 1000;
constexpr int64_t kMaxAttachmentBytes = int64_t{100} * 1024 * 1024;
constexpr int kMaxExtensionDigits = 6;
// As for the other multi-line texts of intake (supplements, knowledge articles).
constexpr char kMultilineControls[] = "\n\t";

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Debian's absl::string_view is its own type, not std::string_view.
absl::string_view Absl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

bool IsControl(int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// " other than line breaks, tabs" for "\n\t"; "" when nothing is allowed.
std::string AllowedNames(std::string_view allowed) {
  std::vector<std::string> names;
  for (char c : allowed) {
    names.push_back(c == '\n'   ? "line breaks"
                    : c == '\t' ? "tabs"
                    : c == '\r' ? "carriage returns"
                                : absl::StrCat("U+", absl::Hex(static_cast<unsigned char>(c),
                                                               absl::kZeroPad4)));
  }
  if (names.empty()) return "";
  return absl::StrCat(" other than ", absl::StrJoin(names, ", "));
}

std::string RemoveChars(std::string_view text, std::string_view drop) {
  std::string out;
  for (char c : text) {
    if (drop.find(c) == std::string_view::npos) out.push_back(c);
  }
  return out;
}

// 1[3-9] + 9 digits.
bool IsMobile(std::string_view digits) {
  return digits.size() == 11 && AllDigits(digits) && digits[0] == '1' && digits[1] >= '3';
}

// "0871-65551234" for 0 + area code + 7–8 digits; "" otherwise. Digits only: the area code's
// length follows the numbering plan (010 and 020–029 are the only two-digit codes), not where
// the caller put a dash.
std::string CanonicalLandline(std::string_view digits) {
  if (digits.size() < 3 || !AllDigits(digits) || digits[0] != '0') return "";
  size_t area;
  if (digits[1] == '1') {
    if (digits[2] != '0') return "";
    area = 3;
  } else if (digits[1] == '2') {
    area = 3;
  } else if (digits[1] >= '3') {
    area = 4;
  } else {
    return "";  // "00" starts an international number
  }
  const size_t local = digits.size() - std::min(area, digits.size());
  if (local < 7 || local > 8) return "";
  return absl::StrCat(Absl(digits.substr(0, area)), "-", Absl(digits.substr(area)));
}

std::string CanonicalExtension(std::string_view text) {
  std::string digits = RemoveChars(text, "-");
  return AllDigits(digits) && digits.size() <= kMaxExtensionDigits ? digits : "";
}

std::string EnumViolation(int value, bool known) {
  return value == 0 ? "must be set" : known ? "" : absl::StrCat("unknown value ", value);
}

void CheckEnum(std::string_view field, int value, bool known, std::vector<FieldViolation>& out) {
  std::string why = EnumViolation(value, known);
  if (!why.empty()) out.push_back({std::string(field), std::move(why)});
}

bool IsIdempotencyKeyChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
         c == '-';
}

// The part of a RegionCode::Parse message after the quoted input ("must contain only digits").
std::string RegionProblem(const absl::Status& status) {
  const std::string_view message(status.message().data(), status.message().size());
  const size_t open = message.find('"');
  const size_t close = open == message.npos ? open : message.find('"', open + 1);
  if (close == message.npos || close + 2 > message.size()) return "must be a valid division code";
  return absl::StrCat("must be a valid division code: ", Absl(message.substr(close + 2)));
}

}  // namespace

std::string CanonicalPhone(std::string_view phone) {
  std::string compact = RemoveChars(phone, " ");
  std::string_view rest = compact;
  if (rest.empty()) return "";

  // Mobile: an optional country prefix, dashes anywhere.
  std::string mobile = RemoveChars(rest, "-");
  for (std::string_view prefix : {"+86", "0086", "86"}) {
    if (StartsWith(mobile, prefix) && mobile.size() == prefix.size() + 11) {
      mobile = mobile.substr(prefix.size());
      break;
    }
  }
  if (IsMobile(mobile)) return mobile;

  // Landline, with an extension after "转", "#", "ext", "x" or a last dash-separated group.
  for (std::string_view marker : {"转", "#", "ext.", "ext", "EXT", "x", "X"}) {
    const size_t at = rest.find(marker);
    if (at == rest.npos) continue;
    const std::string line = CanonicalLandline(RemoveChars(rest.substr(0, at), "-"));
    const std::string extension = CanonicalExtension(rest.substr(at + marker.size()));
    return line.empty() || extension.empty() ? "" : absl::StrCat(line, "-", extension);
  }
  std::string line = CanonicalLandline(RemoveChars(rest, "-"));
  if (!line.empty()) return line;
  const size_t dash = rest.rfind('-');
  if (dash == rest.npos) return "";
  line = CanonicalLandline(RemoveChars(rest.substr(0, dash), "-"));
  const std::string extension = CanonicalExtension(rest.substr(dash + 1));
  return line.empty() || extension.empty() ? "" : absl::StrCat(line, "-", extension);
}

bool CleanText(std::string_view text, std::string_view allowed) {
  for (size_t i = 0; i < text.size();) {
    const int32_t cp = NextCodePoint(text, i);
    if (cp < 0) return false;
    if (IsControl(cp) && (cp >= 0x80 || allowed.find(static_cast<char>(cp)) == allowed.npos)) {
      return false;
    }
  }
  return true;
}

void CheckText(std::string_view field, std::string_view value, int max, bool required,
               std::vector<FieldViolation>& out, std::string_view allowed_controls) {
  std::string why;
  const int length = CodePoints(value);
  if (value.empty()) {
    if (required) why = "is required";
  } else if (length < 0) {
    why = "must be valid UTF-8";
  } else if (!CleanText(value, allowed_controls)) {
    why = absl::StrCat("must not contain control characters", AllowedNames(allowed_controls));
  } else if (length > max) {
    why = absl::StrCat("must be at most ", max, " characters, not ", length);
  }
  if (!why.empty()) out.push_back({std::string(field), std::move(why)});
}

void CheckAttachments(
    const google::protobuf::RepeatedPtrField<hotline::common::v1::AttachmentRef>& attachments,
    std::vector<FieldViolation>& out) {
  if (attachments.size() > kMaxAttachments) {
    out.push_back({"attachments", absl::StrCat("must be at most ", kMaxAttachments,
                                               " attachments, not ", attachments.size())});
  }
  for (int i = 0; i < attachments.size(); ++i) {
    const common::AttachmentRef& a = attachments[i];
    const std::string prefix = absl::StrCat("attachments[", i, "]");
    const std::string uri_field = absl::StrCat(prefix, ".uri");
    const size_t before = out.size();
    CheckText(uri_field, a.uri(), kMaxUri, /*required=*/true, out);
    if (out.size() == before) {
      bool scheme = false;
      for (std::string_view s : {"https://", "oss://", "s3://"}) {
        scheme = scheme || (StartsWith(a.uri(), s) && a.uri().size() > s.size());
      }
      if (!scheme) {
        out.push_back({uri_field, "must be an https://, oss:// or s3:// reference"});
      } else if (a.uri().find(' ') != std::string::npos) {
        out.push_back({uri_field, "must not contain spaces"});
      }
    }
    // No limit is set on media types; they must still be text a log or a console can show.
    if (!CleanText(a.media_type())) {
      out.push_back(
          {absl::StrCat(prefix, ".media_type"), "must be valid UTF-8 without control characters"});
    }
    if (a.size_bytes() < 0 || a.size_bytes() > kMaxAttachmentBytes) {
      out.push_back({absl::StrCat(prefix, ".size_bytes"), "must be between 0 and 100 MiB"});
    }
  }
}

std::vector<FieldViolation> ValidateSubmit(const SubmitCommand& request) {
  std::vector<FieldViolation> out;

  const std::string& key = request.idempotency_key;
  if (key.empty()) {
    out.push_back({"idempotency_key", "is required"});
  } else if (key.size() > kMaxIdempotencyKey) {
    out.push_back(
        {"idempotency_key", absl::StrCat("must be at most ", kMaxIdempotencyKey, " characters")});
  } else if (!std::all_of(key.begin(), key.end(), IsIdempotencyKeyChar)) {
    out.push_back({"idempotency_key", "may contain only letters, digits and . _ : -"});
  }

  CheckEnum("channel", request.channel, common::Channel_IsValid(request.channel), out);
  CheckEnum("source_line", request.source_line, common::SourceLine_IsValid(request.source_line),
            out);
  CheckEnum("kind", request.kind, common::TicketKind_IsValid(request.kind), out);
  CheckEnum("urgency", request.urgency, common::Urgency_IsValid(request.urgency), out);

  const size_t before_category = out.size();
  CheckText("category", request.category, kMaxCategory, /*required=*/true, out);
  if (out.size() == before_category && !domain::IsCategoryCode(request.category)) {
    out.push_back({"category", "must be lower-case segments of a-z, 0-9 and '-' separated by '/'"});
  }

  if (request.region_code.empty()) {
    out.push_back({"region_code", "is required"});
  } else if (absl::StatusOr<domain::RegionCode> region =
                 domain::RegionCode::Parse(request.region_code);
             !region.ok()) {
    out.push_back({"region_code", RegionProblem(region.status())});
  }

  const common::Caller& caller = request.caller;
  CheckText("caller.name", caller.name(), kMaxCallerName, /*required=*/false, out);
  if (caller.phone().empty()) {
    if (!caller.anonymous()) {
      out.push_back({"caller.phone", "is required unless the caller is anonymous"});
    }
  } else if (!CleanText(caller.phone())) {
    out.push_back({"caller.phone", "must be valid UTF-8 without control characters"});
  } else if (CanonicalPhone(caller.phone()).empty()) {
    out.push_back({"caller.phone", "must be a mainland mobile or landline number"});
  }

  CheckText("content", request.content, kMaxContent, /*required=*/true, out, kMultilineControls);
  CheckText("address", request.address, kMaxAddress, /*required=*/false, out, kMultilineControls);
  CheckAttachments(request.attachments, out);
  return out;
}

}  // namespace hotline::intake
