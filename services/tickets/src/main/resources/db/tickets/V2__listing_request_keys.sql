-- The Idempotency-Key a seller's client sent with POST /api/tickets, if any: the same request sent again
-- (a form submitted twice, a retry after a lost answer) finds the ticket the first one listed. Unique per
-- seller, so that two requests racing with the same key list one ticket.
ALTER TABLE tickets ADD COLUMN request_key text CHECK (length(request_key) BETWEEN 1 AND 255);

CREATE UNIQUE INDEX tickets_request_key ON tickets (user_id, request_key) WHERE request_key IS NOT NULL;
