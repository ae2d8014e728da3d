-- The audit trail as one contract: who learnt which personal fields of which ticket, when, and on
-- what ground, across intake's reads, routing's reads and grants and provincial transfer's
-- disclosures. Intake's ListAuditTrail reads this view only (the tables behind it may change);
-- the office sees one trail per ticket, whichever service let the data out.
CREATE VIEW hotline_audit_trail AS
SELECT r.read_at AS at, r.ticket_id, r.principal AS actor, r.role AS actor_role,
       'read'::text AS action, r.fields, r.reason AS ground
FROM intake_audit_reads r
UNION ALL
SELECT r.read_at, r.ticket_id, r.principal, 2::smallint,  -- hotline.common.v1.ROLE_UNIT
       'unit_read', r.fields,
       CASE WHEN r.grant_id IS NULL THEN 'assignment ' || r.assignment_id
            ELSE 'assignment ' || r.assignment_id || ', grant ' || r.grant_id END
FROM routing_audit_reads r
UNION ALL
SELECT g.at, g.ticket_id, g.principal, g.role, g.action,
       '{caller.name,caller.phone,address}'::text[],
       'grant ' || g.grant_id || ' to ' || g.unit_id
FROM routing_audit_grants g
UNION ALL
SELECT d.at, d.ticket_id, d.peer, 4::smallint,  -- hotline.common.v1.ROLE_PROVINCE: an instance
       CASE d.direction WHEN 'sent' THEN 'disclosed' ELSE 'received' END,
       '{caller}'::text[], 'transfer ' || d.direction
FROM transfer_disclosures d;
