// Each acceptance-scope path of SubmitTicket, over gRPC against a real hotline-intake.
#include <catch2/catch.hpp>

#include "absl/strings/escaping.h"
#include "libs/crypto/field_cipher.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::UniqueName;

TEST_CASE("an ordinary complaint is accepted and waits for dispatch", "[intake][scope]") {
  IntakeFixture f;
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_ACCEPTED);
  CHECK(r.state() == common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(r.ticket_number().rfind("53-", 0) == 0);
  CHECK(r.urgency() == common::URGENCY_NORMAL);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'ticket.created'") == 1);
  // The phone is kept sealed; its blind index finds the ticket by the canonical number.
  auto keys = crypto::FieldCipher::FromFile(::hotline::testing::TestEnv::Get().DataKeys());
  REQUIRE(keys.ok());
  CHECK(f.Count("SELECT count(*) FROM tickets WHERE caller_phone = '' AND sealed IS NOT NULL AND "
                "caller_phone_index = decode('" +
                absl::BytesToHexString((*keys)->BlindIndex("13812345678")) + "', 'hex')") == 1);

  // Resubmitted: counted as a replay, not as a second acceptance.
  REQUIRE(f.Submit(f.ValidRequest("same-key"), &r).ok());
  REQUIRE(f.Submit(f.ValidRequest("same-key"), &r).ok());
  const std::string metrics = ::hotline::testing::HttpGet(f.metrics_port(), "/metrics");
  CHECK(::hotline::testing::Sample(metrics,
                                   "hotline_intake_submissions_total{decision=\"ACCEPTED\"}") == 2);
  CHECK(::hotline::testing::Sample(metrics,
                                   "hotline_intake_submissions_total{decision=\"replayed\"}") == 1);
  CHECK(::hotline::testing::Sample(metrics, "hotline_intake_write_batch_size_count") == 3);
  // Where each submission's time went: one wait for a writer each, one write each batch.
  CHECK(::hotline::testing::Sample(metrics, "hotline_intake_submit_queue_seconds_count") == 3);
  CHECK(::hotline::testing::Sample(metrics, "hotline_intake_write_seconds_count") == 3);
  CHECK(::hotline::testing::Sample(metrics, "hotline_intake_write_seconds_sum") > 0);
  // SubmitTicket is a callback method: the RPC metrics count it like the synchronous ones.
  const std::string method = "method=\"/hotline.intake.v1.Intake/SubmitTicket\"";
  CHECK(::hotline::testing::Sample(metrics,
                                   "hotline_rpc_requests_total{code=\"OK\"," + method + "}") == 3);
  CHECK(::hotline::testing::Sample(metrics, "hotline_rpc_duration_seconds_count{" + method + "}") ==
        3);
}

TEST_CASE("matters outside the acceptance scope are not accepted, with the reason",
          "[intake][scope]") {
  IntakeFixture f;
  auto request = f.ValidRequest(UniqueName("k"));
  request.set_category("out-of-scope/litigation");
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_NOT_ACCEPTED);
  CHECK(r.state() == common::TICKET_STATE_NOT_ACCEPTED);
  CHECK_FALSE(r.reason_code().empty());
  CHECK_FALSE(r.reason().empty());

  // A petition matter described in a general category is caught by the keyword rules.
  request = f.ValidRequest(UniqueName("k"));
  request.set_content("这个事情我已经信访过了，信访局已受理还在办理中，想再反映一下。");
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_NOT_ACCEPTED);
}

TEST_CASE("an emergency is referred to its line and still goes on to dispatch",
          "[intake][scope][emergency]") {
  IntakeFixture f;
  auto request = f.ValidRequest(UniqueName("k"));
  request.set_category("urban-management/other");
  request.set_emergency(true);
  request.set_content("楼下仓库着火了，浓烟很大，有人被困在里面！");
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  CHECK(r.state() == common::TICKET_STATE_EMERGENCY_REFERRED);
  REQUIRE(r.referred_to_size() >= 1);
  CHECK(r.referred_to(0) == v1::EMERGENCY_LINE_119);
  CHECK(f.Count("SELECT count(*) FROM intake_emergency_referrals WHERE line = 2") == 1);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'intake.emergency_referred'") ==
        1);
}

TEST_CASE("a child-protection emergency is 特急 and raises the 12349 chain event",
          "[intake][scope][emergency]") {
  IntakeFixture f;
  auto request = f.ValidRequest(UniqueName("k"));
  request.set_source_line(common::SOURCE_LINE_12349);
  request.set_kind(common::TICKET_KIND_REPORT);
  request.set_category("minor-protection/abuse");
  request.set_content("邻居家的孩子经常被父亲殴打，今天又听到孩子哭喊，身上有伤。");
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  CHECK(r.state() == common::TICKET_STATE_EMERGENCY_REFERRED);
  CHECK(r.urgency() == common::URGENCY_EXTRA_URGENT);
  REQUIRE(r.referred_to_size() >= 1);
  CHECK(r.referred_to(0) == v1::EMERGENCY_LINE_110);
  CHECK(f.Count("SELECT count(*) FROM tickets WHERE involves_minor AND urgency = 3") == 1);

  auto view = f.Get(r.ticket_number(), f.supervisor);
  bool chain_event = false;
  for (const auto& entry : view.timeline()) {
    chain_event = chain_event || entry.type() == "intake.emergency_referred";
  }
  CHECK(chain_event);
}

TEST_CASE("a consultation the knowledge base answers is closed on the spot", "[intake][scope]") {
  IntakeFixture f;
  v1::UpsertKnowledgeArticleRequest upsert;
  auto* a = upsert.mutable_article();
  a->set_key("qa/migrant-children-enrolment");
  a->set_kind(v1::ARTICLE_KIND_QA);
  a->set_title("随迁子女在昆明上小学需要哪些材料");
  a->set_question("外地户口的孩子在昆明读小学要准备什么材料，怎么报名？");
  a->set_body(
      "随迁子女申请在昆明就读义务教育阶段学校，需提供父母一方在昆明的居住证、"
      "稳定住所证明、就业或社保缴纳证明、户口簿和儿童预防接种证明，"
      "于每年5月至6月在昆明市义务教育招生平台报名，由居住地所在区教育体育局统筹安排学位。");
  a->set_region_prefix("5301");
  v1::UpsertKnowledgeArticleResponse stored;
  REQUIRE(f.stub().UpsertKnowledgeArticle(f.As(f.supervisor).get(), upsert, &stored).ok());

  auto request = f.ValidRequest(UniqueName("k"));
  request.set_kind(common::TICKET_KIND_CONSULTATION);
  request.set_category("education/enrolment");
  request.set_content("我们是外地户口，孩子今年要在昆明上小学，请问要准备什么材料，在哪里报名？");
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_ANSWERED);
  CHECK(r.state() == common::TICKET_STATE_ANSWERED);
  CHECK(r.answer().key() == "qa/migrant-children-enrolment");

  // An unrelated consultation finds nothing good enough and goes on to dispatch.
  request = f.ValidRequest(UniqueName("k"));
  request.set_kind(common::TICKET_KIND_CONSULTATION);
  request.set_content("请问公积金贷款的额度是怎么计算的？");
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_ACCEPTED);

  // The agent answered from the article, however the caller put it.
  request = f.ValidRequest(UniqueName("k"));
  request.set_kind(common::TICKET_KIND_CONSULTATION);
  request.set_content("孩子是随我们来打工的，明年读一年级，怎么弄？");
  request.set_answered_with_article("qa/migrant-children-enrolment");
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_ANSWERED);
  CHECK(r.answer().version() == 1);
  // Not an article that applies here (Qujing), or not a consultation: refused.
  request.set_idempotency_key(UniqueName("k"));
  request.set_region_code("530302");
  CHECK(f.Submit(request, &r, f.supervisor).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  request.set_region_code("530102");
  request.set_kind(common::TICKET_KIND_COMPLAINT);
  CHECK(f.Submit(request, &r).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_CASE("operators change the scope rules without a restart", "[intake][scope]") {
  IntakeFixture f;
  v1::UpsertScopeRuleRequest upsert;
  auto* rule = upsert.mutable_rule();
  rule->set_reason_code("scope.not_accepted.test-lottery");
  rule->set_priority(1);
  rule->set_decision(v1::SCOPE_DECISION_NOT_ACCEPTED);
  rule->set_reason("彩票兑奖事项请联系彩票销售机构");
  rule->add_keywords("彩票兑奖");
  rule->set_active(true);
  v1::UpsertScopeRuleResponse stored;
  REQUIRE(f.stub().UpsertScopeRule(f.As(f.supervisor).get(), upsert, &stored).ok());
  CHECK(f.stub().UpsertScopeRule(f.As(f.frontend_kunming).get(), upsert, &stored).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);

  auto request = f.ValidRequest(UniqueName("k"));
  request.set_content("我想咨询一下彩票兑奖的流程和地点。");
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_NOT_ACCEPTED);
  CHECK(r.reason_code() == "scope.not_accepted.test-lottery");

  v1::ListScopeRulesResponse rules;
  REQUIRE(f.stub().ListScopeRules(f.As(f.admin).get(), {}, &rules).ok());
  CHECK(rules.rules_size() > 10);  // the seeded rules and ours
}

TEST_CASE("a category added by an operator is usable at once, and a retired one is refused",
          "[intake][scope]") {
  IntakeFixture f;
  v1::UpsertCategoryRequest upsert;
  auto* category = upsert.mutable_category();
  category->set_code("public-utilities/telecom");
  category->set_name("通信网络");
  category->set_active(true);
  v1::UpsertCategoryResponse stored;
  REQUIRE(f.stub().UpsertCategory(f.As(f.admin).get(), upsert, &stored).ok());
  auto request = f.ValidRequest(UniqueName("k"));
  request.set_category("public-utilities/telecom");
  v1::SubmitTicketResponse r;
  REQUIRE(f.Submit(request, &r).ok());
  CHECK(r.decision() == v1::SCOPE_DECISION_ACCEPTED);

  category->set_active(false);
  REQUIRE(f.stub().UpsertCategory(f.As(f.supervisor).get(), upsert, &stored).ok());
  request.set_idempotency_key(UniqueName("k"));
  CHECK(f.Submit(request, &r).error_code() == grpc::StatusCode::INVALID_ARGUMENT);

  category->set_code("Not A Code");
  CHECK(f.stub().UpsertCategory(f.As(f.admin).get(), upsert, &stored).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(f.stub().UpsertCategory(f.As(f.frontend_kunming).get(), upsert, &stored).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  v1::ListCategoriesResponse all;
  REQUIRE(f.stub().ListCategories(f.As(f.frontend_kunming).get(), {}, &all).ok());
  CHECK(all.categories_size() > 100);
}

}  // namespace
}  // namespace hotline::intake::testing
