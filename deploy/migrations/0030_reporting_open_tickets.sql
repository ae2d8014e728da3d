-- The open tickets alone, for reporting's business gauges (open by state, overdue by tier): a
-- refresh reads as many rows as there are open tickets, not the whole history.
CREATE INDEX reporting_tickets_open ON reporting_tickets (state) WHERE counted_open;
