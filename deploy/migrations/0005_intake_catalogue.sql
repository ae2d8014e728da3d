-- Seed data: review with the hotline office before production.
--
-- The category catalogue and the acceptance-scope rules intake starts with, from the source
-- documents in seeds/: 000 (Yunnan 2021, 12345 takes on the minor-protection line: scope and
-- exclusions), 003 (Baotou 2020, 12349: the child-protection emergencies and their chain) and
-- 004 (Yunnan 2017, 云政办发〔2017〕137号: the general 12345 scope and exclusions). Operators change
-- both tables through UpsertCategory / UpsertScopeRule, never by editing this file (migrations
-- are append-only).
--
-- Codes are "<group>/<item>"; the group rows carry the group's name for front-ends' trees.
-- minor_protection: routed together with the civil affairs department (民政).
-- child_protection_emergency: 特急 and the 12349 chain (seed 003): township child supervisor and
-- village child director dispatched at once; county civil affairs, the city minor rescue and
-- protection centre and the city civil affairs bureau notified in that order.

INSERT INTO intake_categories (code, name, minor_protection, child_protection_emergency) VALUES
  -- Minor protection: the emergencies of seed 003 ("拐卖儿童、强迫乞讨、性侵儿童……婴幼儿遭弃、
  -- 暴力伤害、虐待……儿童脱离监护单独居住生活……").
  ('minor-protection', '未成年人保护', true, false),
  ('minor-protection/abuse', '虐待', true, true),
  ('minor-protection/trafficking', '拐卖', true, true),
  ('minor-protection/abandonment', '遗弃', true, true),
  ('minor-protection/forced-begging', '强迫乞讨', true, true),
  ('minor-protection/sexual-assault', '性侵害', true, true),
  ('minor-protection/violence', '暴力伤害', true, true),
  ('minor-protection/no-guardian', '监护缺失（无人照料）', true, true),
  -- Minor protection, not emergencies (seed 000: help requests, complaints and reports of any
  -- infringement, policy questions, suggestions; seed 003: living difficulties, policies not
  -- carried out, care services).
  ('minor-protection/school-bullying', '校园欺凌', true, false),
  ('minor-protection/online-protection', '网络保护', true, false),
  ('minor-protection/enrolment-dropout', '入学和辍学', true, false),
  ('minor-protection/left-behind-care', '留守儿童关爱', true, false),
  ('minor-protection/de-facto-unsupported', '事实无人抚养儿童', true, false),
  ('minor-protection/disabled-children', '残疾儿童', true, false),
  ('minor-protection/juvenile-labour', '使用童工', true, false),
  ('minor-protection/guardianship', '监护指导和监护权', true, false),
  ('minor-protection/living-assistance', '生活困难求助', true, false),
  ('minor-protection/policy-implementation', '儿童政策落实', true, false),
  ('minor-protection/policy-consultation', '政策咨询', true, false),
  ('minor-protection/suggestion', '意见建议', true, false),
  ('minor-protection/other', '其他', true, false),
  -- General 12345 matters (seed 004: needing government action, staff conduct, consultations).
  ('public-utilities', '公用事业', false, false),
  ('public-utilities/water', '供水', false, false),
  ('public-utilities/power', '供电', false, false),
  ('public-utilities/gas', '供气', false, false),
  ('public-utilities/heating', '供热', false, false),
  ('urban-management', '城市管理', false, false),
  ('urban-management/sanitation', '环境卫生', false, false),
  ('urban-management/street-occupation', '占道经营', false, false),
  ('urban-management/illegal-construction', '违法建设', false, false),
  ('urban-management/municipal-facilities', '市政设施', false, false),
  ('urban-management/other', '其他', false, false),
  ('market-regulation', '市场监管', false, false),
  ('market-regulation/consumer-rights', '消费维权', false, false),
  ('market-regulation/food-safety', '食品安全', false, false),
  ('market-regulation/pricing', '价格', false, false),
  ('market-regulation/product-quality', '产品质量', false, false),
  ('market-regulation/other', '其他', false, false),
  ('labour', '劳动就业', false, false),
  ('labour/wage-arrears', '拖欠工资', false, false),
  ('labour/labour-contract', '劳动合同', false, false),
  ('labour/employment', '就业创业', false, false),
  ('labour/other', '其他', false, false),
  ('social-security', '社会保险', false, false),
  ('social-security/pension', '养老保险', false, false),
  ('social-security/unemployment', '失业保险', false, false),
  ('social-security/work-injury', '工伤保险', false, false),
  ('social-security/other', '其他', false, false),
  ('medical-insurance', '医疗保障', false, false),
  ('medical-insurance/enrolment', '参保缴费', false, false),
  ('medical-insurance/reimbursement', '报销结算', false, false),
  ('medical-insurance/other', '其他', false, false),
  ('housing', '住房', false, false),
  ('housing/property-management', '物业管理', false, false),
  ('housing/affordable-housing', '保障性住房', false, false),
  ('housing/real-estate', '房地产交易', false, false),
  ('housing/other', '其他', false, false),
  ('transport', '交通运输', false, false),
  ('transport/public-transport', '公共交通', false, false),
  ('transport/taxi', '出租汽车和网约车', false, false),
  ('transport/roads', '道路', false, false),
  ('transport/other', '其他', false, false),
  ('environment', '生态环境', false, false),
  ('environment/air', '大气污染', false, false),
  ('environment/water', '水污染', false, false),
  ('environment/noise', '噪声', false, false),
  ('environment/solid-waste', '固体废物', false, false),
  ('environment/other', '其他', false, false),
  ('education', '教育', false, false),
  ('education/enrolment', '招生入学', false, false),
  ('education/school-management', '学校管理', false, false),
  ('education/fees', '教育收费', false, false),
  ('education/training-institutions', '校外培训', false, false),
  ('education/other', '其他', false, false),
  ('health', '卫生健康', false, false),
  ('health/medical-services', '医疗服务', false, false),
  ('health/public-health', '公共卫生', false, false),
  ('health/other', '其他', false, false),
  ('public-security', '公安', false, false),
  ('public-security/household-registration', '户籍', false, false),
  ('public-security/exit-entry', '出入境', false, false),
  ('public-security/traffic-management', '交通管理', false, false),
  ('public-security/other', '其他', false, false),
  ('civil-affairs', '民政', false, false),
  ('civil-affairs/social-assistance', '社会救助', false, false),
  ('civil-affairs/elderly-care', '养老服务', false, false),
  ('civil-affairs/marriage-registration', '婚姻登记', false, false),
  ('civil-affairs/funeral', '殡葬', false, false),
  ('civil-affairs/other', '其他', false, false),
  ('general', '综合', false, false),
  ('general/policy-consultation', '政策咨询', false, false),
  ('general/suggestion', '意见建议', false, false),
  ('general/other', '其他', false, false),
  -- Not accepted (seed 000 and seed 004). Agents pick these so that the caller hears where to go.
  ('out-of-scope', '不予受理', false, false),
  ('out-of-scope/litigation', '诉讼', false, false),
  ('out-of-scope/arbitration', '仲裁', false, false),
  ('out-of-scope/discipline-inspection', '纪检监察', false, false),
  ('out-of-scope/administrative-reconsideration', '行政复议', false, false),
  ('out-of-scope/information-disclosure', '政府信息公开', false, false),
  ('out-of-scope/petition', '信访', false, false),
  ('out-of-scope/party-affairs', '党务', false, false),
  ('out-of-scope/people-congress', '人大', false, false),
  ('out-of-scope/cppcc', '政协', false, false),
  ('out-of-scope/court', '法院', false, false),
  ('out-of-scope/procuratorate', '检察院', false, false),
  ('out-of-scope/military', '军队和武警', false, false),
  ('out-of-scope/secrets', '国家秘密或商业秘密', false, false),
  ('out-of-scope/privacy', '他人隐私', false, false),
  ('out-of-scope/public-order', '违背公序良俗', false, false);

-- Scope rules. decision: 1 ACCEPTED, 2 NOT_ACCEPTED, 3 EMERGENCY_REFERRAL.
-- referral_lines: 1 = 110, 2 = 119, 3 = 120, 4 = 122. kinds: 1 咨询, 2 求助, 3 投诉, 4 举报,
-- 5 建议, 6 其他.
--
-- Priorities (lowest first): 1–9 child-protection emergencies, 20–29 the agent's emergency flag,
-- 100–199 out-of-scope categories, 200–299 out-of-scope phrasings. Every emergency comes before
-- every refusal: someone in danger is referred even when the matter also touches an excluded
-- procedure.

-- Child-protection emergencies (seed 003: "首先应立刻连线110、120等相关平台进行报告"). The category
-- decides, with or without the agent's flag; an injury the agent flags adds 120.
INSERT INTO intake_scope_rules
  (reason_code, priority, decision, reason, category_prefixes, requires_emergency_flag, keywords,
   referral_lines) VALUES
  ('scope.emergency.child_protection_medical', 1, 3,
   '未成年人遭受侵害并有伤病，已联动110、120紧急处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任赶赴现场，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/abuse,minor-protection/trafficking,minor-protection/abandonment,minor-protection/forced-begging,minor-protection/sexual-assault,minor-protection/violence,minor-protection/no-guardian}',
   true, '{受伤,流血,出血,昏迷,晕倒,休克,抽搐,呼吸困难,中毒,溺水,骨折,烧伤,烫伤,急病,发病}',
   '{1,3}');

INSERT INTO intake_scope_rules
  (reason_code, priority, decision, reason, category_prefixes, referral_lines) VALUES
  ('scope.emergency.abuse', 2, 3,
   '涉及未成年人遭受虐待的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/abuse}', '{1}'),
  ('scope.emergency.trafficking', 2, 3,
   '涉及拐卖儿童的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/trafficking}', '{1}'),
  ('scope.emergency.abandonment', 2, 3,
   '涉及遗弃儿童的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/abandonment}', '{1}'),
  ('scope.emergency.forced_begging', 2, 3,
   '涉及强迫儿童乞讨的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/forced-begging}', '{1}'),
  ('scope.emergency.sexual_assault', 2, 3,
   '涉及性侵害未成年人的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/sexual-assault}', '{1}'),
  ('scope.emergency.violence', 2, 3,
   '涉及未成年人遭受暴力伤害的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/violence}', '{1}'),
  ('scope.emergency.no_guardian', 2, 3,
   '涉及儿童脱离监护、无人照料的紧急事项，已联动110处置，并立即派单至事发地乡镇（街道）儿童督导员、村（社区）儿童主任，依次通报县级民政部门、市未成年人救助保护中心、市民政局',
   '{minor-protection/no-guardian}', '{1}');

-- The agent's emergency flag ("涉及人身、财产安全等，应当通过110、119、120等紧急渠道求助的事项",
-- seed 004; the 122 linkage is in seed 000). One line per match, the most immediate danger first:
-- fire (119) before injury or illness (120) before a traffic accident without either (122);
-- 110 when no word says which. The agent links any further line by hand.
INSERT INTO intake_scope_rules
  (reason_code, priority, decision, reason, requires_emergency_flag, keywords, referral_lines)
VALUES
  ('scope.emergency.fire', 20, 3,
   '涉及火灾、爆炸、燃气泄漏或人员被困等危及人身财产安全的紧急事项，已联动119处置',
   true, '{着火,起火,失火,火灾,冒烟,爆炸,燃气泄漏,煤气泄漏,天然气泄漏,被困}', '{2}'),
  ('scope.emergency.medical', 21, 3,
   '涉及人员受伤或突发疾病的紧急事项，已联动120处置',
   true, '{受伤,流血,出血,昏迷,晕倒,休克,抽搐,呼吸困难,中毒,溺水,骨折,烧伤,烫伤,急病,发病,心脏病}',
   '{3}'),
  ('scope.emergency.traffic', 22, 3,
   '涉及道路交通事故的紧急事项，已联动122处置',
   true, '{车祸,交通事故,撞车,追尾,翻车,被车撞,肇事逃逸}', '{4}'),
  ('scope.emergency.police', 29, 3,
   '涉及人身、财产安全的紧急事项，已联动110处置',
   true, '{}', '{1}');

-- Out-of-scope categories (seed 000: "不受理须通过诉讼、仲裁、纪检监察、行政复议、政府信息公开
-- 等程序解决的事项和已进入信访渠道的事项，以及涉及国家秘密、商业秘密、个人隐私和违反社会
-- 公序良俗的事项"; seed 004: "涉及党群、人大、政协、法院、检察院、军队和武警职能的事项").
INSERT INTO intake_scope_rules (reason_code, priority, decision, reason, category_prefixes) VALUES
  ('scope.not_accepted.litigation', 100, 2,
   '属于诉讼程序处理的事项，请依法向人民法院提起诉讼；已经起诉的，请向受理案件的人民法院了解办理情况',
   '{out-of-scope/litigation}'),
  ('scope.not_accepted.arbitration', 101, 2,
   '属于仲裁程序处理的事项，请依法向仲裁机构申请仲裁（劳动人事争议向劳动人事争议仲裁委员会申请）；已经申请的，请向受理的仲裁机构了解办理情况',
   '{out-of-scope/arbitration}'),
  ('scope.not_accepted.discipline_inspection', 102, 2,
   '属于纪检监察程序处理的事项，请向纪检监察机关反映',
   '{out-of-scope/discipline-inspection}'),
  ('scope.not_accepted.administrative_reconsideration', 103, 2,
   '属于行政复议程序处理的事项，请依法向行政复议机关申请行政复议；已经申请的，请向受理的行政复议机关了解办理情况',
   '{out-of-scope/administrative-reconsideration}'),
  ('scope.not_accepted.information_disclosure', 104, 2,
   '申请公开政府信息须按政府信息公开程序办理，请依照《中华人民共和国政府信息公开条例》向负责该信息的行政机关提出申请',
   '{out-of-scope/information-disclosure}'),
  ('scope.not_accepted.petition', 105, 2,
   '该事项已进入信访渠道，热线不再受理，请通过原信访渠道了解办理情况',
   '{out-of-scope/petition}'),
  ('scope.not_accepted.party_affairs', 106, 2,
   '属于党委和党群部门职能的事项，热线不予受理，请向相关党组织反映',
   '{out-of-scope/party-affairs}'),
  ('scope.not_accepted.people_congress', 107, 2,
   '属于人大职能的事项，热线不予受理，请向人大常委会相关工作机构反映',
   '{out-of-scope/people-congress}'),
  ('scope.not_accepted.cppcc', 108, 2,
   '属于政协职能的事项，热线不予受理，请向政协相关工作机构反映',
   '{out-of-scope/cppcc}'),
  ('scope.not_accepted.court', 109, 2,
   '属于人民法院职能的事项，热线不予受理，请向人民法院反映',
   '{out-of-scope/court}'),
  ('scope.not_accepted.procuratorate', 110, 2,
   '属于人民检察院职能的事项，热线不予受理，请向人民检察院反映',
   '{out-of-scope/procuratorate}'),
  ('scope.not_accepted.military', 111, 2,
   '属于军队和武警职能的事项，热线不予受理，请向军队或武警相关单位反映',
   '{out-of-scope/military}'),
  ('scope.not_accepted.secrets', 112, 2,
   '涉及国家秘密或商业秘密的事项，热线不予受理',
   '{out-of-scope/secrets}'),
  ('scope.not_accepted.privacy', 113, 2,
   '涉及他人个人隐私的事项，热线不予受理',
   '{out-of-scope/privacy}'),
  ('scope.not_accepted.public_order', 114, 2,
   '违背社会公序良俗的事项，热线不予受理',
   '{out-of-scope/public-order}');

-- The same exclusions when a web or WeChat submitter picked a general category but wrote that
-- the matter is already in (or decided by) the procedure.
--  * Keywords are phrases saying so ("已起诉", "仲裁已受理"), never the bare name of a procedure:
--    "仲裁", "复议", "信访" and "法院" turn up in ordinary complaints ("劳动监察让我去仲裁",
--    "没法申请仲裁"), and a wrong refusal sends the caller away.
--  * Only 求助, 投诉, 举报 and 其他: asking how to sue or apply is a legal-policy consultation,
--    which is in scope (seed 004), and a suggestion is always welcome.
--  * Only the general groups: a minor-protection matter that mentions a lawsuit may still need
--    help now, so the agent or the hotline office judges it. A general group added later must be
--    added to these rules' category_prefixes too.
--  * No phrasing rules for the Party, people's congress, CPPCC, courts, procuratorate, army,
--    secrets, privacy or public order: no phrase names them reliably, so they go by category.
INSERT INTO intake_scope_rules
  (reason_code, priority, decision, reason, kinds, keywords, category_prefixes)
SELECT reason_code, priority, 2, reason, '{2,3,4,6}'::smallint[], keywords,
       '{public-utilities,urban-management,market-regulation,labour,social-security,medical-insurance,housing,transport,environment,education,health,public-security,civil-affairs,general}'::text[]
FROM (VALUES
  ('scope.not_accepted.litigation_started', 200,
   '您反映的事项已进入诉讼程序，热线不予受理，请向受理案件的人民法院了解办理情况',
   '{已起诉,已经起诉,已向法院起诉,已经向法院起诉,已提起诉讼,已经提起诉讼,法院已立案,法院已经立案,法院已受理,法院已经受理,正在诉讼}'),
  ('scope.not_accepted.arbitration_started', 201,
   '您反映的事项已进入仲裁程序，热线不予受理，请向受理的仲裁机构了解办理情况',
   '{已申请仲裁,已经申请仲裁,已提起仲裁,已经提起仲裁,仲裁已受理,仲裁委已受理,仲裁委员会已受理,已经仲裁,正在仲裁,仲裁裁决}'),
  ('scope.not_accepted.reconsideration_started', 202,
   '您反映的事项已进入行政复议程序，热线不予受理，请向受理的行政复议机关了解办理情况',
   '{已申请行政复议,已经申请行政复议,已提起行政复议,已经提起行政复议,行政复议已受理,正在行政复议,行政复议决定}'),
  ('scope.not_accepted.petition_started', 203,
   '您反映的事项已进入信访渠道，热线不予受理，请通过原信访渠道了解办理情况',
   '{已信访,已经信访,已到信访局,信访已受理,信访局已受理,信访部门已受理,信访答复意见,信访复查,信访复核}'),
  ('scope.not_accepted.disclosure_application', 204,
   '申请公开政府信息须按政府信息公开程序办理，请依照《中华人民共和国政府信息公开条例》向负责该信息的行政机关提出申请',
   '{申请政府信息公开,政府信息公开申请,依申请公开}'),
  -- Corruption goes to the discipline inspection organs, not to 12345; complaints about staff
  -- conduct and efficiency stay in scope (seed 004), so only the offences themselves are words.
  ('scope.not_accepted.corruption_report', 205,
   '举报公职人员贪污贿赂等违纪违法问题属于纪检监察机关职责，请向纪检监察机关反映',
   '{贪污,受贿,索贿,行贿,挪用公款}'::text[])
) AS phrasing (reason_code, priority, reason, keywords);
