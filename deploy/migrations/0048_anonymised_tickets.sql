-- Closed tickets lose their personal data after a retention (libs/ticketstore/anonymiser.h): the
-- caller, address, content, texts, replies and reasons are cleared, the ticket itself with its
-- category, place, timeline and figures stays. anonymised_at says when.
ALTER TABLE tickets ADD COLUMN anonymised_at timestamptz;
-- What the anonymiser looks for: tickets at rest that still hold personal data.
CREATE INDEX tickets_to_anonymise ON tickets (updated_at)
  WHERE anonymised_at IS NULL
    AND state IN ('ARCHIVED', 'NOT_ACCEPTED', 'ANSWERED', 'MERGED', 'WITHDRAWN', 'TRANSFERRED_OUT');
