#include "tests/support/core/sample_tickets.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::support {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

// A matter a caller reports, with the catalogue category it belongs to. None contains a word
// that the seeded scope rules read as an emergency or as out of scope.
struct Matter {
  const char* category;
  const char* what;
};

constexpr Matter kMatters[] = {
    {"urban-management/municipal-facilities", "路灯晚上不亮"},
    {"urban-management/municipal-facilities", "井盖缺失没有任何警示"},
    {"urban-management/municipal-facilities", "人行道地砖松动翘起"},
    {"urban-management/municipal-facilities", "下水道堵塞返水"},
    {"urban-management/sanitation", "生活垃圾好几天没人清运"},
    {"urban-management/sanitation", "垃圾桶满溢发臭招苍蝇"},
    {"urban-management/street-occupation", "商贩长期占道经营"},
    {"urban-management/street-occupation", "店铺把货物堆在消防通道"},
    {"urban-management/illegal-construction", "楼顶有人违章搭建铁皮房"},
    {"urban-management/illegal-construction", "一楼住户私自扩建院墙"},
    {"environment/noise", "工地夜间施工噪音很大"},
    {"environment/noise", "广场舞音响声音过大"},
    {"environment/noise", "酒吧营业到凌晨噪音扰民"},
    {"environment/air", "餐馆油烟直排进楼道"},
    {"environment/air", "附近工厂排放刺鼻气味"},
    {"environment/water", "河道发黑发臭"},
    {"public-utilities/water", "突然停水也没有提前通知"},
    {"public-utilities/water", "自来水浑浊发黄"},
    {"public-utilities/water", "水压太低高层用不上水"},
    {"public-utilities/power", "一周内频繁停电"},
    {"public-utilities/power", "电压不稳把家电损坏了"},
    {"public-utilities/gas", "燃气表读数异常"},
    {"housing/property-management", "电梯经常故障停运"},
    {"housing/property-management", "物业乱收停车费"},
    {"housing/property-management", "楼上漏水物业不处理"},
    {"housing/real-estate", "开发商延期交房"},
    {"housing/real-estate", "不动产权证迟迟办不下来"},
    {"labour/wage-arrears", "工地拖欠农民工工资"},
    {"labour/wage-arrears", "公司拖欠三个月工资"},
    {"labour/labour-contract", "单位一直不签劳动合同"},
    {"market-regulation/consumer-rights", "健身房预付卡无法退费"},
    {"market-regulation/consumer-rights", "商家拒绝七天无理由退货"},
    {"market-regulation/food-safety", "超市在卖过期食品"},
    {"market-regulation/food-safety", "早餐店后厨卫生很差"},
    {"market-regulation/pricing", "停车场收费不明码标价"},
    {"transport/roads", "路面坑洼破损积水"},
    {"transport/roads", "路口红绿灯故障"},
    {"transport/public-transport", "公交车不按站停靠"},
    {"transport/public-transport", "公交班次间隔太长"},
    {"transport/taxi", "出租车拒载还绕路"},
    {"social-security/pension", "养老金这个月没有按时发放"},
    {"medical-insurance/reimbursement", "异地就医报销手续繁琐"},
    {"education/school-management", "学校要求统一购买教辅资料"},
    {"health/medical-services", "医院挂号排队时间太长"},
    {"civil-affairs/elderly-care", "社区养老服务站经常不开门"},
};

constexpr const char* kRoads[] = {
    "人民中路", "青年路",   "北京路", "环城南路", "东风西路", "滇池路", "金碧路",
    "白塔路",   "二环北路", "学府路", "西山大道", "春城路",   "广福路", "昆洛路",
    "龙泉路",   "东华路",   "西坝路", "云大西路", "穿金路",   "新闻路", "建设路",
    "关上中路", "吴井路",   "书林街", "圆通街",   "正义路",   "景星街", "篆塘路"};
constexpr const char* kPlaces[] = {"幸福里小区", "金色家园", "春苑小区",   "翠湖花园", "银海畅园",
                                   "世纪城",     "滨江俊园", "阳光小区",   "和谐家园", "荷塘月色",
                                   "书香门第",   "锦绣苑",   "菜市场门口", "小学旁边", "公交站附近",
                                   "农贸市场",   "商业街",   "地铁站出口", "老旧小区", "城中村",
                                   "体育馆对面", "医院后门", "公园南门",   "加油站旁"};
constexpr const char* kSince[] = {"从上周开始", "已经半个多月", "最近三天", "今年以来一直",
                                  "这两个月",   "昨天晚上起",   "前天开始", "入夏以后"};
constexpr const char* kEffects[] = {
    "影响附近居民正常生活",   "老人孩子出行很不方便", "晚上根本没法休息",
    "周边商户意见很大",       "存在安全隐患",         "已经有人差点摔倒",
    "多次找过相关单位没结果", "邻居们都很着急",       "给上班族带来很大困扰"};
constexpr const char* kAsks[] = {"希望有关部门尽快处理", "请派人来现场看一下",
                                 "请相关单位给个说法",   "希望能尽快恢复正常",
                                 "请督促责任单位整改",   "希望处理后给我回个电话"};
constexpr const char* kNames[] = {"王先生", "李女士", "张先生", "刘女士", "陈先生", "杨女士",
                                  "赵先生", "黄女士", "周先生", "吴女士", "市民",   "徐先生"};
constexpr const char* kFollowUps[] = {"之前反映过，到现在还没有解决。",
                                      "上次打过电话，一直没人来处理。", "再次反映，情况更严重了。"};
constexpr common::TicketKind kKinds[] = {common::TICKET_KIND_COMPLAINT, common::TICKET_KIND_HELP,
                                         common::TICKET_KIND_REPORT};

}  // namespace

common::Ticket SampleTicketDraft() {
  common::Ticket draft;
  draft.set_channel(common::CHANNEL_PHONE);
  draft.set_source_line(common::SOURCE_LINE_12345);
  draft.set_kind(common::TICKET_KIND_COMPLAINT);
  draft.set_urgency(common::URGENCY_NORMAL);
  draft.set_category("public-utilities/water");
  draft.mutable_region()->set_code("530102");
  return draft;
}

common::Actor SampleActor(const std::string& principal) {
  common::Actor actor;
  actor.set_role(common::ROLE_SUPERVISOR);
  actor.set_principal(principal);
  return actor;
}

SampleTickets::SampleTickets(uint64_t seed, std::vector<std::string> regions, double repeat_share)
    : gen_(seed), regions_(std::move(regions)), repeat_share_(repeat_share) {}

size_t SampleTickets::Pick(size_t n) {
  return std::uniform_int_distribution<size_t>(0, n - 1)(gen_);
}

v1::SubmitTicketRequest SampleTickets::Next(const std::string& idempotency_key) {
  last_was_repeat_ = last_ && std::uniform_real_distribution<double>(0, 1)(gen_) < repeat_share_;
  if (last_was_repeat_) {
    // The same caller about the same matter: the earlier words and a line about the wait.
    last_->set_idempotency_key(idempotency_key);
    last_->set_content(absl::StrCat(last_->content(), kFollowUps[Pick(std::size(kFollowUps))]));
    return *last_;
  }
  const Matter& matter = kMatters[Pick(std::size(kMatters))];
  const std::string place = absl::StrFormat("%s%d号%s", kRoads[Pick(std::size(kRoads))],
                                            1 + Pick(899), kPlaces[Pick(std::size(kPlaces))]);
  const char* since = kSince[Pick(std::size(kSince))];
  const char* effect = kEffects[Pick(std::size(kEffects))];
  const char* ask = kAsks[Pick(std::size(kAsks))];
  v1::SubmitTicketRequest r;
  r.set_idempotency_key(idempotency_key);
  r.set_channel(Pick(4) == 0 ? common::CHANNEL_WECHAT : common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(kKinds[Pick(std::size(kKinds))]);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category(matter.category);
  r.set_region_code(regions_[Pick(regions_.size())]);
  r.set_address(place);
  r.mutable_caller()->set_name(kNames[Pick(std::size(kNames))]);
  r.mutable_caller()->set_phone(absl::StrCat(13 + Pick(6), 100000000 + Pick(899999999)));
  // Callers tell it in different orders.
  switch (Pick(3)) {
    case 0:
      r.set_content(absl::StrCat(place, matter.what, "，", since, "，", effect, "，", ask, "。"));
      break;
    case 1:
      r.set_content(absl::StrCat(since, place, "那边", matter.what, "，", effect, "。", ask, "。"));
      break;
    default:
      r.set_content(absl::StrCat("反映", place, matter.what, "的问题：", effect, "，", since,
                                 "都是这样，", ask, "。"));
  }
  last_ = r;
  return r;
}

}  // namespace hotline::support
