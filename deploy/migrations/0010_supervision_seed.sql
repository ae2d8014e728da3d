-- Seed for deadline supervision: the calendars of deploy/calendars/ (DATA TO VERIFY: holidays
-- and adjusted working days are published yearly by the State Council; 2027 is provisional),
-- default policies after the order of magnitude of published local rules (DESIGN.md §2) and the
-- escalation ladder. All of it is data: operators change it with the admin RPCs
-- (UpsertCalendar, UpsertPolicy, UpsertEscalationStep), never by editing this file.

INSERT INTO supervision_calendars (code, body) VALUES
  ('standard', $calendar$# DATA TO VERIFY against the State Council notice before use; 2027 is provisional.
#
# The standard calendar of government offices (Asia/Shanghai). Format: libs/calendar/calendar_text.h.
# 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), holidays and adjusted working days
# (调休) as published. 2027: not published when this was written; only the statutory days of the
# 全国年节及纪念日放假办法 (2025 revision) are entered, with lunar dates computed, and no 调休 —
# replace the 2027 block with the notice once it is out (usually November of the year before).
#
# Working hours are data, not law: local offices vary (e.g. Kunming and other Yunnan units keep
# summer hours, some halls open Saturday mornings). Adjust per deployment.

code standard
zone Asia/Shanghai
weekday mon-fri 09:00-12:00 13:30-17:30

# ---- 2026 (published) ----
holiday 2026-01-01 2026-01-03 元旦
workday 2026-01-04 元旦调休
workday 2026-02-14 春节调休
holiday 2026-02-15 2026-02-23 春节
workday 2026-02-28 春节调休
holiday 2026-04-04 2026-04-06 清明节
holiday 2026-05-01 2026-05-05 劳动节
workday 2026-05-09 劳动节调休
holiday 2026-06-19 2026-06-21 端午节
workday 2026-09-20 国庆节调休
holiday 2026-09-25 2026-09-27 中秋节
holiday 2026-10-01 2026-10-07 国庆节
workday 2026-10-10 国庆节调休

# ---- 2027 (PROVISIONAL: statutory days only, no 调休) ----
holiday 2027-01-01 元旦
# 除夕 to 正月初三; 正月初一 = 2027-02-06.
holiday 2027-02-05 2027-02-08 春节
# 清明 solar term 2027-04-05.
holiday 2027-04-05 清明节
holiday 2027-05-01 2027-05-02 劳动节
# 五月初五.
holiday 2027-06-09 端午节
# 八月十五.
holiday 2027-09-15 中秋节
holiday 2027-10-01 2027-10-03 国庆节
$calendar$),
  ('24x7', $calendar$# Emergency units (24×7): every instant is working time, holidays included.
# Format: libs/calendar/calendar_text.h.

code 24x7
zone Asia/Shanghai
always_open
$calendar$);

-- Limit units: 1 working hours, 2 working days, 3 calendar hours.
-- The most specific policy wins: a set urgency, then a longer category prefix, then a set kind.
INSERT INTO supervision_policies (kind, urgency, category_prefix, calendar,
  sign_for_unit, sign_for_amount, handling_unit, handling_amount, co_reply_unit, co_reply_amount,
  follow_up_unit, follow_up_amount, warning_point, requires_review, suspension_needs_approval,
  follow_up_attempts, retention, note) VALUES
  -- Catch-all: 4 working hours to sign, 15 working days to handle (complaints and suggestions
  -- 13–15), co-handlers reply in 5, the follow-up call the next working day.
  (0, 0, '', 'standard', 1, 4, 2, 15, 2, 5, 2, 1, 0.8, false, true, 3, interval '7 days',
   '默认：签收4个工作小时，办理15个工作日，回访次一工作日'),
  -- Consultations and help requests: 3 working days.
  (1, 0, '', 'standard', 1, 4, 2, 3, 2, 2, 2, 1, 0.8, false, true, 3, interval '7 days',
   '咨询类：3个工作日内答复'),
  (2, 0, '', 'standard', 1, 4, 2, 3, 2, 2, 2, 1, 0.8, false, true, 3, interval '7 days',
   '求助类：3个工作日内办结'),
  -- Complaints and reports: 15 working days, the reply reviewed by the hotline office.
  (3, 0, '', 'standard', 1, 4, 2, 15, 2, 5, 2, 1, 0.8, true, true, 3, interval '7 days',
   '投诉类：15个工作日，答复经审核'),
  (4, 0, '', 'standard', 1, 4, 2, 15, 2, 5, 2, 1, 0.8, true, true, 3, interval '7 days',
   '举报类：15个工作日，答复经审核'),
  -- Utilities (water, power, gas, heating): within 24 hours, on the 24×7 calendar.
  (0, 0, 'public-utilities', '24x7', 3, 2, 3, 24, 3, 12, 2, 1, 0.8, false, true, 3,
   interval '7 days', '水电气暖：24小时内处理'),
  -- Urgent: the same day; extra urgent (特急, child-protection emergencies): fed back within
  -- 2 hours, signed for within 30 minutes, around the clock.
  (0, 2, '', '24x7', 3, 1, 3, 24, 3, 12, 2, 1, 0.8, false, false, 3, interval '7 days',
   '紧急：当日反馈'),
  (0, 3, '', '24x7', 3, 0.5, 3, 2, 3, 1, 2, 1, 0.75, false, false, 3, interval '7 days',
   '特急：2小时内反馈');

-- Urging (督办) the working day after a deadline passes; escalation to the superior
-- (通报/约谈) at 5 further working days overdue.
INSERT INTO supervision_escalation_rungs (step, after_unit, after_amount) VALUES
  (3, 2, 1),
  (4, 2, 6);
