// No personal data on the stream or in the clear at rest: tickets with known callers, addresses,
// content, supplements, reasons, notes and replies go through the whole workflow, and neither the
// raw rows of any table, nor any ticket_events payload, nor any entry of any Redis stream of the
// suite (dead-letter streams included) holds one of them.
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "libs/events/redis_connection.h"
#include "libs/events/stream_entry.h"
#include "tests/e2e/supervision/supervision_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::supervision::testing {
namespace {

namespace v1 = hotline::supervision::v1;
namespace in = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::PollUntil;
using ::hotline::testing::TestEnv;

// What the fixture's submissions and replies carry, and what this test adds.
const std::vector<std::string> kPersonal = {"李明",
                                            "13812345678",
                                            "青年路100号",
                                            "反映的问题需要相关部门尽快处理",
                                            "已按职责处理并答复来电人",
                                            "补充：孩子的老师王芳也知道",
                                            "https://files.example/supplement-wangfang.jpg",
                                            "已自行解决不再需要",
                                            "请加快办理并回复王芳",
                                            "等待王芳提供材料",
                                            "不归本单位，王芳另找"};

int64_t EventsHolding(SupervisionFixture& f, const std::string& text) {
  return f.Count("SELECT count(*) FROM ticket_events WHERE position(convert_to('" + text +
                 "', 'UTF8') IN envelope) > 0");
}

TEST_CASE("no personal data in any event payload or on any stream", "[e2e][privacy]") {
  SupervisionFixture f;
  f.SetClock(Cst(2026, 12, 5, 10));
  // 1. Through dispatch, a supplement, an urging, sign-for, replies, review and follow-up.
  const std::string handled = f.Submit("education/fees", "530102");
  f.WaitForClocks(handled, 4);
  {
    in::AddSupplementRequest r;
    r.set_ticket_number(handled);
    r.set_content("补充：孩子的老师王芳也知道");
    r.add_attachments()->set_uri("https://files.example/supplement-wangfang.jpg");
    in::AddSupplementResponse response;
    grpc::Status s = f.desk().intake().AddSupplement(f.As(f.desk().frontend).get(), r, &response);
    INFO(s.error_message());
    REQUIRE(s.ok());
  }
  {
    v1::UrgeRequest r;
    r.set_ticket_number(handled);
    r.set_note("请加快办理并回复王芳");
    v1::UrgeResponse response;
    REQUIRE(f.supervision().Urge(f.As(f.supervisor).get(), r, &response).ok());
  }
  f.HandleUpToReply(handled);
  {
    v1::ReviewRequest r;
    r.set_ticket_number(handled);
    r.set_approve(true);
    v1::ReviewResponse response;
    REQUIRE(f.supervision().Review(f.As(f.supervisor).get(), r, &response).ok());
  }
  f.WaitForClock(handled, v1::CLOCK_KIND_FOLLOW_UP, v1::CLOCK_STATE_RUNNING);
  {
    v1::RecordFollowUpRequest r;
    r.set_ticket_number(handled);
    r.set_contact(v1::CONTACT_RESULT_REACHED);
    r.set_satisfaction(v1::SATISFACTION_SATISFIED);
    r.set_resolved(true);
    v1::RecordFollowUpResponse response;
    REQUIRE(f.supervision().RecordFollowUp(f.As(f.supervisor).get(), r, &response).ok());
  }
  f.WaitForState(handled, "FOLLOWED_UP");

  // 2. A co-handler's return, a suspension, then a withdrawal, each with its reason.
  const std::string withdrawn = f.Submit("education/fees", "530102");
  f.WaitForClocks(withdrawn, 4);
  {
    hotline::routing::v1::ReturnAssignmentRequest r;
    r.set_assignment_id(f.AssignmentId(withdrawn, "530102-civil-affairs"));
    r.set_reason("不归本单位，王芳另找");
    hotline::routing::v1::ReturnAssignmentResponse response;
    grpc::Status s = f.desk().routing().ReturnAssignment(
        f.As(f.UnitToken("530102-civil-affairs")).get(), r, &response);
    INFO(s.error_message());
    REQUIRE(s.ok());
  }
  {
    v1::SuspendRequest r;
    r.set_ticket_number(withdrawn);
    r.set_reason("等待王芳提供材料");
    v1::SuspendResponse response;
    REQUIRE(f.supervision().Suspend(f.As(f.supervisor).get(), r, &response).ok());
    v1::ResumeRequest resume;
    resume.set_ticket_number(withdrawn);
    v1::ResumeResponse resumed;
    REQUIRE(f.supervision().Resume(f.As(f.supervisor).get(), resume, &resumed).ok());
  }
  {
    in::WithdrawTicketRequest r;
    r.set_ticket_number(withdrawn);
    r.set_reason("已自行解决不再需要");
    in::WithdrawTicketResponse response;
    grpc::Status s = f.desk().intake().WithdrawTicket(f.As(f.desk().frontend).get(), r, &response);
    INFO(s.error_message());
    REQUIRE(s.ok());
  }
  REQUIRE(PollUntil(absl::Seconds(20),
                    [&] { return f.Count("SELECT count(*) FROM outbox_pending") == 0; }));

  // The texts are kept in PostgreSQL only, and sealed there (the timeline reads them back).
  CHECK(f.Count("SELECT count(*) FROM ticket_texts WHERE sealed IS NOT NULL AND body = ''") >= 3);
  CHECK(f.Count("SELECT count(*) FROM ticket_texts WHERE sealed IS NULL") == 0);
  CHECK(f.Count("SELECT count(*) FROM ticket_events") > 20);

  const std::vector<std::string> tables = absl::StrSplit(
      f.Text("SELECT string_agg(quote_ident(table_name), ',') FROM information_schema.tables "
             "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"),
      ',');
  REQUIRE(tables.size() > 30);
  for (const std::string& text : kPersonal) {
    INFO(text);
    CHECK(EventsHolding(f, text) == 0);
    // Nor any row of any table, read raw (a backup holds what these hold).
    for (const std::string& table : tables) {
      INFO(table);
      CHECK(f.Count("SELECT count(*) FROM " + table + " r WHERE position('" + text +
                    "' IN r::text) > 0") == 0);
    }
  }

  // Every stream of the fixture's prefix, dead-letter streams included.
  auto redis = events::RedisConnection::Connect(TestEnv::Get().RedisUrl(), absl::Seconds(5));
  REQUIRE(redis.ok());
  std::vector<std::string> keys;
  std::string cursor = "0";
  do {
    auto scanned = (*redis)->Command(
        {"SCAN", cursor, "MATCH", f.desk().stream_prefix() + ":*", "COUNT", "1000"});
    REQUIRE(scanned.ok());
    cursor = scanned->elements[0].str;
    for (const auto& key : scanned->elements[1].elements) keys.push_back(key.str);
  } while (cursor != "0");
  REQUIRE_FALSE(keys.empty());
  int64_t entries = 0;
  for (const std::string& key : keys) {
    auto range = (*redis)->Command({"XRANGE", key, "-", "+"});
    REQUIRE(range.ok());
    for (const events::StreamEntry& entry : events::ParseEntries(*range)) {
      ++entries;
      for (const auto& [field, value] : entry.fields) {
        for (const std::string& text : kPersonal) {
          INFO(key << " " << entry.id << " " << field);
          CHECK_FALSE(absl::StrContains(value, text));
        }
      }
    }
  }
  CHECK(entries > 20);
}

}  // namespace
}  // namespace hotline::supervision::testing
