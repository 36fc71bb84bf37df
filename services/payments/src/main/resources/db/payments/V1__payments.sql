-- The payments service's copy of the orders, fed by order.created and order.cancelled in version order.
CREATE TABLE orders (
    id         text          PRIMARY KEY,
    user_id    text          NOT NULL,
    status     text          NOT NULL,
    price      numeric(8, 2) NOT NULL,
    expires_at timestamptz   NOT NULL,
    version    bigint        NOT NULL
);

-- One row per charge attempt. A charge is claimed ('pending') before the provider is called, so
-- that two concurrent payments of one order cannot both charge: the partial unique index lets one in.
CREATE TABLE payments (
    id         uuid        PRIMARY KEY,
    order_id   text        NOT NULL REFERENCES orders (id),
    status     text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined', 'failed', 'refunded')),
    stripe_id  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX payments_one_live_charge_per_order ON payments (order_id) WHERE status IN ('pending', 'succeeded');
