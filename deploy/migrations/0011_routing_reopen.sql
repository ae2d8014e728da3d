-- A reopened ticket (重办) gets a new round with a lead while the previous round's lead stays
-- REPLIED: only a dispatched or signed lead is "live", and there is one of those per ticket.
DROP INDEX routing_assignments_one_live_lead;
CREATE UNIQUE INDEX routing_assignments_one_live_lead ON routing_assignments (ticket_id)
  WHERE role = 1 AND state IN (1, 2);
