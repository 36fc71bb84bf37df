-- The Idempotency-Key a seller's client sent with POST /api/tickets, if any, and a digest of what that request
-- asked for (title and price): the same request sent again (a form submitted twice, a retry after a lost
-- answer) finds the ticket the first one listed; another request under the same key is refused. Unique per
-- seller, so that two requests racing with the same key list one ticket.
ALTER TABLE tickets
    ADD COLUMN request_key    text CHECK (length(request_key) BETWEEN 1 AND 255),
    ADD COLUMN request_digest text,
    ADD CONSTRAINT tickets_request_key_with_digest CHECK ((request_key IS NULL) = (request_digest IS NULL));

CREATE UNIQUE INDEX tickets_request_key ON tickets (user_id, request_key) WHERE request_key IS NOT NULL;
