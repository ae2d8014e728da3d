-- Idempotency keys are kept for a window (intake --idempotency_window), not forever, and belong
-- to the credential that sent them: intake_requests.idempotency_key is now "<principal>/<key>".
-- Keys stored before hold the bare key; a front-end repeating one of them within the window after
-- the upgrade gets a new ticket instead of the stored answer, once.
CREATE INDEX intake_requests_created_at ON intake_requests (created_at);
