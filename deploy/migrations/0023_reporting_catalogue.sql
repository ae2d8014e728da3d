-- The first indicator catalogue (version 1) and the calendar of its working-time indicators.
-- Operators add a version (with its effective date) rather than editing these rows: a report
-- names the version it used and can be reproduced. The calendar is a copy of
-- deploy/calendars/standard-2026-2027.txt, held here so that reporting reads only its own tables.

INSERT INTO reporting_calendars (code, body) VALUES ('standard', $calendar$# DATA TO VERIFY against the State Council notice before use; 2027 is provisional.
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
$calendar$);

INSERT INTO reporting_catalogue_versions (version, effective_from, calendar, note)
VALUES (1, DATE '2000-01-01', 'standard', 'First catalogue: GB/T 33358 volumes, 按时签收率, 按时办结率, 回访率, 满意率, 解决率');

INSERT INTO reporting_indicators (version, code, position, name, kind, numerator, denominator,
  parameter, unit, time_base, attribution, exclusions, formula) VALUES
  (1, 'received', 1, '接收量', 1, '{received}', '{}', 0, 'tickets', 'natural',
   'region of the matter; unit: none (not yet dispatched)',
   '',
   'Tickets created on the day (ticket.created), whatever their channel; those that arrived by provincial transfer are also counted in transferred_in.'),
  (1, 'accepted', 2, '受理量', 1, '{accepted}', '{}', 0, 'tickets', 'natural',
   'region of the matter',
   'Tickets merged or withdrawn before a decision are neither accepted nor refused.',
   'Tickets whose first decision (the transition out of RECEIVED) was not a refusal: accepted for dispatch, answered directly or referred to an emergency line.'),
  (1, 'not_accepted', 3, '不予受理量', 1, '{not_accepted}', '{}', 0, 'tickets', 'natural',
   'region of the matter; broken down by reason code',
   '',
   'Tickets refused at intake (RECEIVED → NOT_ACCEPTED), with a count per reason code (scope.litigation, …).'),
  (1, 'answered_directly', 4, '直接办结量', 1, '{answered}', '{}', 0, 'tickets', 'natural',
   'region of the matter',
   '',
   'Tickets answered on the spot from the knowledge base (→ ANSWERED).'),
  (1, 'emergency_referrals', 5, '应急联动量', 1, '{emergency_referred}', '{}', 0, 'tickets', 'natural',
   'region of the matter',
   '',
   'Tickets referred to 110/119/120/122 (intake.emergency_referred).'),
  (1, 'emergency_child_chain', 6, '12349应急处置量', 1, '{emergency_child_chain}', '{}', 0, 'tickets', 'natural',
   'region of the matter',
   '',
   'Emergency referrals of a child-protection case, for which the 12349 chain (child supervisor, child director, civil affairs) was alerted.'),
  (1, 'dispatched', 7, '派单量', 1, '{dispatched}', '{}', 0, 'tickets', 'natural',
   'the lead unit the ticket was first dispatched to',
   'Later dispatch rounds (after a return, a reassignment or a reopening) are not counted again.',
   'Tickets dispatched for the first time (the first routing.dispatched of a ticket).'),
  (1, 'signed_on_time_rate', 8, '按时签收率', 2, '{lead_signed_on_time}', '{lead_signed}', 0, 'ratio', 'working',
   'the lead unit that signed',
   'Co-handlers and notified bodies are not counted.',
   'Lead parts signed for within their sign-for limit (no overdue step on the sign-for clock, signed before its due time) divided by lead parts signed for.'),
  (1, 'replied', 9, '答复量', 1, '{replied}', '{}', 0, 'tickets', 'natural',
   'the lead unit that replied',
   '',
   'The lead unit''s replies for the ticket (routing.replied), each one counted, also after a review sent it back.'),
  (1, 'closed', 10, '办结量', 1, '{closed}', '{}', 0, 'tickets', 'natural',
   'the lead unit at closing',
   'Tickets answered directly are counted in answered_directly, not here.',
   'Tickets closed (→ CLOSED, 办结), each closing counted (a reopened ticket closes again).'),
  (1, 'completed_on_time_rate', 11, '按时办结率', 2, '{closed_on_time}', '{closed}', 0, 'ratio', 'working',
   'the lead unit at closing',
   '',
   'Closings whose handling clock never went overdue and whose reply came before the handling due time (extensions and pauses included), divided by closings.'),
  (1, 'overdue', 12, '超期量', 1, '{overdue}', '{}', 0, 'tickets', 'working',
   'the unit whose handling clock it was',
   '',
   'Handling clocks that passed their due time (supervision.deadline_step OVERDUE on a handling clock).'),
  (1, 'sign_overdue', 13, '超时未签收量', 1, '{sign_overdue}', '{}', 0, 'tickets', 'working',
   'the unit whose sign-for clock it was',
   '',
   'Sign-for clocks that passed their due time unsigned.'),
  (1, 'warned', 14, '预警量', 1, '{warned}', '{}', 0, 'tickets', 'working',
   'the unit whose clock it was',
   '',
   'Warnings fired at the warning point of any clock.'),
  (1, 'urged', 15, '督办量', 1, '{urged}', '{}', 0, 'tickets', 'working',
   'the unit urged',
   '',
   'Urgings by the escalation ladder or by the office by hand (督办).'),
  (1, 'escalated', 16, '升级督办量', 1, '{escalated}', '{}', 0, 'tickets', 'working',
   'the unit whose superior was informed',
   '',
   'Escalations to the unit''s superior.'),
  (1, 'returned', 17, '退单量', 1, '{returned}', '{}', 0, 'tickets', 'natural',
   'the unit that returned it',
   '',
   'Assignments returned by their unit (退单).'),
  (1, 'reassigned', 18, '改派量', 1, '{reassigned}', '{}', 0, 'tickets', 'natural',
   'the new lead unit',
   '',
   'Dispatches made by a reassignment of the office (改派).'),
  (1, 'reopened', 19, '重办量', 1, '{reopened}', '{}', 0, 'tickets', 'natural',
   'the lead unit when reopened',
   '',
   'Tickets reopened (→ REOPENED, 重办) after a dissatisfied or unresolved follow-up or a failed review.'),
  (1, 'reopen_rate', 20, '重办率', 2, '{reopened}', '{closed}', 0, 'ratio', 'natural',
   'the lead unit',
   '',
   'Reopenings divided by closings in the period.'),
  (1, 'extensions', 21, '延期量', 1, '{extensions_granted}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Extension requests granted (延期).'),
  (1, 'extensions_refused', 22, '延期驳回量', 1, '{extensions_refused}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Extension requests refused.'),
  (1, 'suspensions', 23, '挂起量', 1, '{suspended}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Suspensions (→ SUSPENDED, 挂起).'),
  (1, 'transferred_out', 24, '转出量', 1, '{transferred_out}', '{}', 0, 'tickets', 'natural',
   'region of the matter',
   '',
   'Tickets handed to provincial transfer (routing.transferred_out): outside the instance''s jurisdiction or for a provincial department.'),
  (1, 'transferred_in', 25, '转入量', 1, '{transferred_in}', '{}', 0, 'tickets', 'natural',
   'region of the matter',
   'A province''s total over instances counts a transferred ticket once: at its origin (received), not again as transferred_in.',
   'Tickets that arrived from another instance (created with channel TRANSFER).'),
  (1, 'follow_up_rate', 26, '回访率', 2, '{followed_up}', '{closed,answered}', 0, 'ratio', 'natural',
   'the lead unit at the follow-up',
   'Calls that did not reach the caller are not follow-ups.',
   'Follow-ups that reached the caller divided by tickets closed or answered directly in the period.'),
  (1, 'satisfaction_rate', 27, '满意率', 2, '{very_satisfied,satisfied,basically_satisfied}', '{evaluated}', 0, 'ratio', 'natural',
   'the lead unit at the follow-up',
   '',
   'Evaluations at 非常满意, 满意 or 基本满意 divided by all evaluations (follow-ups that reached the caller and recorded a level).'),
  (1, 'very_satisfied', 28, '非常满意', 1, '{very_satisfied}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Evaluations at 非常满意.'),
  (1, 'satisfied', 29, '满意', 1, '{satisfied}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Evaluations at 满意.'),
  (1, 'basically_satisfied', 30, '基本满意', 1, '{basically_satisfied}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Evaluations at 基本满意.'),
  (1, 'dissatisfied', 31, '不满意', 1, '{dissatisfied}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Evaluations at 不满意.'),
  (1, 'very_dissatisfied', 32, '非常不满意', 1, '{very_dissatisfied}', '{}', 0, 'tickets', 'natural',
   'the lead unit',
   '',
   'Evaluations at 非常不满意.'),
  (1, 'resolved_rate', 33, '解决率', 2, '{resolved}', '{followed_up}', 0, 'ratio', 'natural',
   'the lead unit at the follow-up',
   '',
   'Follow-ups in which the caller said the matter was resolved divided by follow-ups that reached the caller.'),
  (1, 'handling_hours_avg', 34, '平均办理时长', 3, '{handling_seconds}', '{handled}', 3600, 'hours', 'working',
   'the lead unit at closing',
   '',
   'Working hours from the ticket''s dispatch (or re-dispatch after a reopening) to the lead''s reply, averaged over the closings of the period.'),
  (1, 'handling_hours_p90', 35, '办理时长P90', 4, '{handling_bucket}', '{}', 0.9, 'hours', 'working',
   'the lead unit at closing',
   '',
   'The 90th percentile of the same working hours, from a histogram of bucket counts (1, 2, 4, 8, 16, 24, 40, 80, 120, 200, 400 h), interpolated within the bucket.'),
  (1, 'open_at_end', 36, '期末在办量', 5, '{open}', '{}', 0, 'tickets', 'natural',
   'the lead unit at the period''s end',
   '',
   'Tickets in an open state (received, referred, waiting for or in dispatch, in progress, replied, reopened, suspended) at the end of the period''s last day.');
