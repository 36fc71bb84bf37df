-- The orders service's own copy of the tickets, fed by ticket.created and ticket.updated in
-- version order: version always equals the version of the last event applied.
CREATE TABLE tickets (
    id      text          PRIMARY KEY,
    title   text          NOT NULL,
    price   numeric(8, 2) NOT NULL,
    version bigint        NOT NULL
);

CREATE TABLE orders (
    id         uuid        PRIMARY KEY,
    user_id    text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('created', 'awaiting:payment', 'cancelled', 'complete')),
    expires_at timestamptz NOT NULL,
    ticket_id  text        NOT NULL REFERENCES tickets (id),
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- At most one live order per ticket, whatever the number of concurrent buyers.
CREATE UNIQUE INDEX orders_one_live_order_per_ticket ON orders (ticket_id)
    WHERE status IN ('created', 'awaiting:payment', 'complete');

CREATE INDEX orders_by_buyer ON orders (user_id, created_at DESC);
