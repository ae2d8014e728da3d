-- Intake compares a submission with earlier tickets held in its memory (services/intake
-- recent_tickets.h) and reads new tickets by id: these two indexes only served the old per
-- submission look-ups, and every ticket insert paid for them.
DROP INDEX tickets_caller_phone_recent;
DROP INDEX tickets_region_recent;
