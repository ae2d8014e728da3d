#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/field_violations.h"
#include "libs/common/utf8.h"
#include "services/intake/rules/submission.h"

namespace hotline::intake {

// Limits, in Unicode code points.
inline constexpr int kMaxContent = 5000;
inline constexpr int kMaxAddress = 500;
inline constexpr int kMaxCallerName = 50;
inline constexpr int kMaxCategory = 100;
inline constexpr int kMaxIdempotencyKey = 128;
inline constexpr int kMaxAttachments = 20;
inline constexpr int kMaxReason = 500;

// Every problem of a submission at once, with the proto field path of each
// ("caller.phone", "attachments[2].uri"). Checks: idempotency_key required, 1..128 of
// [A-Za-z0-9._:-]; channel, source_line, kind, urgency set and known; category required,
// well-formed (lower-case segments separated by '/'); region_code a valid division code;
// caller: phone required unless anonymous, and when given a mainland mobile (1[3-9] + 9 digits,
// optional +86 / 86 / 0086 prefix, spaces or dashes allowed) or landline (0 + 2–3 digit area code
// + 7–8 digits, optional extension); name ≤ 50; content required ≤ 5000; address ≤ 500; every
// text valid UTF-8 without control characters (newlines and tabs allowed in content and address);
// at most 20 attachments, each with a uri of scheme https:// or oss:// or s3:// (≤ 1000
// characters) and 0 ≤ size_bytes ≤ 100 MiB. Existence of the category is checked by the caller.
std::vector<FieldViolation> ValidateSubmit(const SubmitCommand& request);

// The phone in canonical form: 11 digits for a mobile ("13812345678"), "0871-65551234" or
// "0871-65551234-123" for a landline; empty when it is neither.
std::string CanonicalPhone(std::string_view phone);

// Helpers the other request checks share.
// Valid UTF-8 with no control characters other than those in `allowed` (e.g. "\n\t").
bool CleanText(std::string_view text, std::string_view allowed = "");
// Checks an optional text field into `out`: valid, clean, at most `max` code points, and present
// when `required`.
void CheckText(std::string_view field, std::string_view value, int max, bool required,
               std::vector<FieldViolation>& out, std::string_view allowed_controls = "");
// Attachment list rules, as for SubmitTicket ("attachments[i].uri" …).
void CheckAttachments(
    const google::protobuf::RepeatedPtrField<hotline::common::v1::AttachmentRef>& attachments,
    std::vector<FieldViolation>& out);

}  // namespace hotline::intake
