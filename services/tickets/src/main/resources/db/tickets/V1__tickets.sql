CREATE TABLE tickets (
    id         uuid          PRIMARY KEY,
    title      text          NOT NULL CHECK (length(title) > 0),
    price      numeric(8, 2) NOT NULL CHECK (price > 0 AND price < 1000000),
    user_id    text          NOT NULL,
    version    bigint        NOT NULL DEFAULT 0 CHECK (version >= 0),
    order_id   text,
    created_at timestamptz   NOT NULL DEFAULT clock_timestamp()
);

-- The public list: tickets that are not reserved, newest first.
CREATE INDEX tickets_available ON tickets (created_at DESC) WHERE order_id IS NULL;

-- Orders known to be cancelled, so that an order.created that arrives after its own
-- order.cancelled does not reserve the ticket for an order that no longer exists.
CREATE TABLE cancelled_orders (
    order_id     text        PRIMARY KEY,
    cancelled_at timestamptz NOT NULL DEFAULT now()
);
