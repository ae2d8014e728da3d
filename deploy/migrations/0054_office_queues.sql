-- The hotline office's queues (supervision's ListPendingSuspensions, ListPendingExtensions,
-- ListAwaitingReview, ListFollowUpsDue): each reads only what waits, by place and age, through a
-- partial index, never a scan of all tickets or all clocks. Category and urgency filters are
-- checked on the ticket row of each entry (by primary key).
CREATE INDEX supervision_suspensions_pending ON supervision_suspension_requests
  (region_code text_pattern_ops, requested_at, id) WHERE state = 1;
CREATE INDEX supervision_extensions_pending ON supervision_extension_requests
  (region_code text_pattern_ops, requested_at, id) WHERE state = 1;
CREATE INDEX supervision_clocks_follow_ups_due ON supervision_clocks
  (region_code text_pattern_ops, due_at, id) WHERE state = 1 AND kind = 4;
CREATE INDEX tickets_awaiting_review ON tickets
  (region_code text_pattern_ops, updated_at, id) WHERE state = 'REPLIED';
