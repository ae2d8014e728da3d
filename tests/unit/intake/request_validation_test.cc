#include "services/intake/rules/request_validation.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "libs/domain/category_code.h"
#include "services/intake/api/convert.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
using v1::SubmitTicketRequest;

SubmitTicketRequest ValidRequest() {
  SubmitTicketRequest r;
  r.set_idempotency_key("console-03:2026-11-22.000123_a");
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("public-utilities/water");
  r.set_region_code("530102");
  r.set_address("昆明市五华区某街道\n3号楼");
  r.mutable_caller()->set_name("张三");
  r.mutable_caller()->set_phone("13812345678");
  r.set_content("小区停水三天了，\t请尽快处理。\n谢谢");
  common::AttachmentRef* a = r.add_attachments();
  a->set_uri("https://files.example.cn/a/1.jpg");
  a->set_media_type("image/jpeg");
  a->set_size_bytes(1024);
  return r;
}

// field → description of every violation, for readable failures.
std::string Describe(const std::vector<FieldViolation>& violations) {
  std::string out;
  for (const FieldViolation& v : violations) out += v.field + ": " + v.description + "\n";
  return out;
}

std::vector<std::string> Fields(const std::vector<FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : violations) fields.push_back(v.field);
  return fields;
}

// Exactly one violation, on `field`.
void CheckOnly(const SubmitTicketRequest& request, const std::string& field) {
  const std::vector<FieldViolation> violations = ValidateSubmit(CommandOf(request));
  INFO(Describe(violations));
  REQUIRE(violations.size() == 1);
  CHECK(violations[0].field == field);
  CHECK_FALSE(violations[0].description.empty());
}

std::string Repeat(const std::string& unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

TEST_CASE("a complete request is valid", "[request_validation]") {
  const std::vector<FieldViolation> violations = ValidateSubmit(CommandOf(ValidRequest()));
  INFO(Describe(violations));
  CHECK(violations.empty());
}

TEST_CASE("mobile numbers are canonicalised to 11 digits", "[request_validation]") {
  auto [input, canonical] = GENERATE(table<std::string, std::string>({
      {"13812345678", "13812345678"},
      {"19912345678", "19912345678"},
      {"+8613812345678", "13812345678"},
      {"008613812345678", "13812345678"},
      {"8613812345678", "13812345678"},
      {"+86 138 1234 5678", "13812345678"},
      {"138-1234-5678", "13812345678"},
      {"+86-138-1234-5678", "13812345678"},
      {" 138 1234 5678 ", "13812345678"},
      // Invalid: wrong length, second digit 0–2, bad prefixes, letters and other separators.
      {"1381234567", ""},
      {"138123456789", ""},
      {"12812345678", ""},
      {"11812345678", ""},
      {"10812345678", ""},
      {"23812345678", ""},
      {"+85213812345678", ""},
      {"+8713812345678", ""},
      {"+86+8613812345678", ""},
      {"86861381234567", ""},
      {"138.1234.5678", ""},
      {"(138)12345678", ""},
      {"1381234567a", ""},
      {"１３８１２３４５６７８", ""},
      {"", ""},
      {"+86", ""},
  }));
  INFO(input);
  CHECK(CanonicalPhone(input) == canonical);
}

TEST_CASE("landline numbers are canonicalised with area code and extension",
          "[request_validation]") {
  auto [input, canonical] = GENERATE(table<std::string, std::string>({
      {"0871-65551234", "0871-65551234"},
      {"087165551234", "0871-65551234"},
      {"0871 6555 1234", "0871-65551234"},
      {"0871-6555123", "0871-6555123"},
      {"010-12345678", "010-12345678"},
      {"01012345678", "010-12345678"},
      {"021-65551234", "021-65551234"},
      {"0472-5551234", "0472-5551234"},
      // The area code follows the numbering plan, not where the dash is.
      {"08-7165551234", "0871-65551234"},
      // Extensions.
      {"0871-65551234-123", "0871-65551234-123"},
      {"0871-65551234转123", "0871-65551234-123"},
      {"0871 65551234 转 8001", "0871-65551234-8001"},
      {"0871-65551234#12", "0871-65551234-12"},
      {"0871-65551234 ext 5", "0871-65551234-5"},
      {"0871-65551234x5", "0871-65551234-5"},
      {"010-12345678-123456", "010-12345678-123456"},
      // Invalid.
      {"0871-655512", ""},            // 6-digit local number
      {"0871-655512345", ""},         // 9-digit local number
      {"0871-65551234-1234567", ""},  // 7-digit extension
      {"0871-65551234转", ""},
      {"0871-65551234转12a", ""},
      {"011-12345678", ""},  // 01x other than 010 does not exist
      {"00871-65551234", ""},
      {"871-65551234", ""},
      {"+86-871-65551234", ""},  // a country prefix is for mobiles only
      {"0871—65551234", ""},     // em dash
  }));
  INFO(input);
  CHECK(CanonicalPhone(input) == canonical);
}

TEST_CASE("caller.phone is checked in the request", "[request_validation]") {
  SECTION("required unless anonymous") {
    SubmitTicketRequest r = ValidRequest();
    r.mutable_caller()->clear_phone();
    CheckOnly(r, "caller.phone");
    r.mutable_caller()->set_anonymous(true);
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  }
  SECTION("an anonymous caller who gives a phone gives a valid one") {
    SubmitTicketRequest r = ValidRequest();
    r.mutable_caller()->set_anonymous(true);
    r.mutable_caller()->set_phone("12345");
    CheckOnly(r, "caller.phone");
  }
  SECTION("landline with extension") {
    SubmitTicketRequest r = ValidRequest();
    r.mutable_caller()->set_phone("0871-65551234转123");
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  }
  SECTION("control characters") {
    SubmitTicketRequest r = ValidRequest();
    r.mutable_caller()->set_phone("13812345678\n");
    CheckOnly(r, "caller.phone");
  }
}

TEST_CASE("idempotency_key", "[request_validation]") {
  auto [key, ok] = GENERATE(table<std::string, bool>({
      {"a", true},
      {"A-z_0.9:x", true},
      {std::string(128, 'k'), true},
      {std::string(129, 'k'), false},
      {"", false},
      {"has space", false},
      {"slash/no", false},
      {"键", false},
      {"tab\t", false},
  }));
  SubmitTicketRequest r = ValidRequest();
  r.set_idempotency_key(key);
  INFO(key);
  if (ok) {
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  } else {
    CheckOnly(r, "idempotency_key");
  }
}

TEST_CASE("enums must be set and known", "[request_validation]") {
  auto [field, value] = GENERATE(table<std::string, int>({
      {"channel", 0},
      {"channel", 99},
      {"source_line", 0},
      {"source_line", 9},
      {"kind", 0},
      {"kind", 7},
      {"urgency", 0},
      {"urgency", 4},
  }));
  SubmitTicketRequest r = ValidRequest();
  const auto* descriptor = r.GetDescriptor()->FindFieldByName(field);
  REQUIRE(descriptor != nullptr);
  r.GetReflection()->SetEnumValue(&r, descriptor, value);
  INFO(field << "=" << value);
  CheckOnly(r, field);
}

TEST_CASE("category", "[request_validation]") {
  auto [category, ok] = GENERATE(table<std::string, bool>({
      {"minor-protection/abuse", true},
      {"other", true},
      {"a/b/c-1", true},
      {std::string(100, 'c'), true},
      {std::string(101, 'c'), false},
      {"", false},
      {"Minor-protection/abuse", false},
      {"minor-protection/", false},
      {"/abuse", false},
      {"minor-protection//abuse", false},
      {"minor_protection", false},
      {"minor protection", false},
      {"虐待", false},
  }));
  SubmitTicketRequest r = ValidRequest();
  r.set_category(category);
  INFO(category);
  if (ok) {
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  } else {
    CheckOnly(r, "category");
  }
}

TEST_CASE("region_code", "[request_validation]") {
  auto [code, ok] = GENERATE(table<std::string, bool>({
      {"53", true},
      {"5301", true},
      {"530102001001", true},
      {"530100000000", true},
      {"", false},
      {"5", false},
      {"53010", false},
      {"10", false},
      {"530001", false},
      {"53a1", false},
      {"000000", false},
  }));
  SubmitTicketRequest r = ValidRequest();
  r.set_region_code(code);
  INFO(code);
  if (ok) {
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  } else {
    CheckOnly(r, "region_code");
  }
}

TEST_CASE("text limits count code points and not bytes", "[request_validation]") {
  auto [field, limit, required] = GENERATE(table<std::string, int, bool>({
      {"content", kMaxContent, true},
      {"address", kMaxAddress, false},
      {"caller.name", kMaxCallerName, false},
  }));
  const auto set = [&](SubmitTicketRequest& r, const std::string& text) {
    if (field == "content") r.set_content(text);
    if (field == "address") r.set_address(text);
    if (field == "caller.name") r.mutable_caller()->set_name(text);
  };
  INFO(field);
  SubmitTicketRequest r = ValidRequest();
  set(r, Repeat("童", limit));  // three bytes each
  CHECK(ValidateSubmit(CommandOf(r)).empty());
  set(r, Repeat("童", limit - 1) + "😀");  // a four-byte code point counts once
  CHECK(ValidateSubmit(CommandOf(r)).empty());
  set(r, Repeat("童", limit + 1));
  CheckOnly(r, field);
  set(r, "");
  if (required) {
    CheckOnly(r, field);
  } else {
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  }
}

TEST_CASE("text must be valid UTF-8 without control characters", "[request_validation]") {
  auto [field, text, ok] = GENERATE(table<std::string, std::string, bool>({
      {"content", "第一行\n第二行\n\t缩进", true},
      {"content", "web form\r\n", false},  // front-ends send bare line feeds
      {"address", "某路\n1号", true},
      {"caller.name", "张\n三", false},
      {"caller.name", "张\t三", false},
      {"content", std::string("a\0b", 3), false},
      {"content", "bell\a", false},
      {"content", "del\x7f", false},
      {"content", "c1\xc2\x85", false},  // U+0085, a C1 control
      {"address", "esc\x1b[31m", false},
      {"content", "\xff\xfe", false},          // not UTF-8 at all
      {"content", "\xe7\xab", false},          // truncated 童
      {"content", "\xc0\xaf", false},          // overlong '/'
      {"content", "\xed\xa0\x80", false},      // a surrogate
      {"content", "\xf4\x90\x80\x80", false},  // beyond U+10FFFF
      {"caller.name", "\x80", false},          // a lone continuation byte
      {"caller.name", "Zoë O'Brien", true},
  }));
  SubmitTicketRequest r = ValidRequest();
  if (field == "content") r.set_content(text);
  if (field == "address") r.set_address(text);
  if (field == "caller.name") r.mutable_caller()->set_name(text);
  INFO(field);
  if (ok) {
    CHECK(ValidateSubmit(CommandOf(r)).empty());
  } else {
    CheckOnly(r, field);
  }
}

TEST_CASE("code point helpers", "[request_validation]") {
  CHECK(CodePoints("") == 0);
  CHECK(CodePoints("abc") == 3);
  CHECK(CodePoints("未成年人") == 4);
  CHECK(CodePoints("😀x") == 2);
  CHECK(CodePoints("\xe7\xab") == -1);
  CHECK(CleanText("a\tb", "\t"));
  CHECK_FALSE(CleanText("a\tb"));
  CHECK_FALSE(CleanText("a\nb", "\t"));
  CHECK(domain::IsCategoryCode("general/other"));
  CHECK_FALSE(domain::IsCategoryCode(""));
}

TEST_CASE("attachments", "[request_validation]") {
  SECTION("each attachment's problems have their own path") {
    auto [uri, size, field] = GENERATE(table<std::string, int64_t, std::string>({
        {"oss://bucket/key", 0, ""},
        {"s3://bucket/key", 100 * 1024 * 1024, ""},
        {"https://x.cn/" + std::string(987, 'a'), 1, ""},  // 1000 characters
        {"https://x.cn/" + std::string(988, 'a'), 1, "attachments[1].uri"},
        {"http://x.cn/a.jpg", 1, "attachments[1].uri"},
        {"HTTPS://x.cn/a.jpg", 1, "attachments[1].uri"},
        {"https://", 1, "attachments[1].uri"},
        {"file:///etc/passwd", 1, "attachments[1].uri"},
        {"https://x.cn/a b.jpg", 1, "attachments[1].uri"},
        {"https://x.cn/\n", 1, "attachments[1].uri"},
        {"", 1, "attachments[1].uri"},
        {"oss://bucket/key", -1, "attachments[1].size_bytes"},
        {"oss://bucket/key", 100 * 1024 * 1024 + 1, "attachments[1].size_bytes"},
    }));
    SubmitTicketRequest r = ValidRequest();
    common::AttachmentRef* a = r.add_attachments();
    a->set_uri(uri);
    a->set_size_bytes(size);
    INFO(uri << " " << size);
    if (field.empty()) {
      CHECK(ValidateSubmit(CommandOf(r)).empty());
    } else {
      CheckOnly(r, field);
    }
  }
  SECTION("at most 20") {
    SubmitTicketRequest r = ValidRequest();
    while (r.attachments_size() < kMaxAttachments) *r.add_attachments() = r.attachments(0);
    CHECK(ValidateSubmit(CommandOf(r)).empty());
    *r.add_attachments() = r.attachments(0);
    CheckOnly(r, "attachments");
  }
  SECTION("media type is clean text") {
    SubmitTicketRequest r = ValidRequest();
    r.mutable_attachments(0)->set_media_type("image/jpeg\r\n");
    CheckOnly(r, "attachments[0].media_type");
  }
}

TEST_CASE("every violation is reported at once", "[request_validation]") {
  SubmitTicketRequest r;
  r.mutable_caller()->set_phone("12812345678");
  r.mutable_caller()->set_name(Repeat("名", kMaxCallerName + 1));
  r.set_address("\x01");
  common::AttachmentRef* a = r.add_attachments();
  a->set_uri("ftp://x");
  a->set_size_bytes(-5);
  const std::vector<FieldViolation> violations = ValidateSubmit(CommandOf(r));
  INFO(Describe(violations));
  CHECK(Fields(violations) == std::vector<std::string>{
                                  "idempotency_key",
                                  "channel",
                                  "source_line",
                                  "kind",
                                  "urgency",
                                  "category",
                                  "region_code",
                                  "caller.name",
                                  "caller.phone",
                                  "content",
                                  "address",
                                  "attachments[0].uri",
                                  "attachments[0].size_bytes",
                              });
  for (const FieldViolation& v : violations) CHECK_FALSE(v.description.empty());
}

TEST_CASE("descriptions say why", "[request_validation]") {
  SubmitTicketRequest r = ValidRequest();
  r.mutable_caller()->set_phone("12345");
  r.set_content(Repeat("字", kMaxContent + 1));
  r.set_region_code("530001");
  const std::vector<FieldViolation> violations = ValidateSubmit(CommandOf(r));
  REQUIRE(violations.size() == 3);
  CHECK(violations[0].field == "region_code");
  CHECK_THAT(violations[0].description, Catch::Contains("division code"));
  CHECK(violations[1].description == "must be a mainland mobile or landline number");
  CHECK(violations[2].description == "must be at most 5000 characters, not 5001");

  r = ValidRequest();
  r.set_content("a\x01");
  r.mutable_caller()->set_name("b\x01");
  const std::vector<FieldViolation> controls = ValidateSubmit(CommandOf(r));
  REQUIRE(controls.size() == 2);
  CHECK(controls[0].description == "must not contain control characters");
  CHECK(controls[1].description ==
        "must not contain control characters other than line breaks, tabs");
}

}  // namespace
}  // namespace hotline::intake
