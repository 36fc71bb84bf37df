-- An order's cancellation can reach the replica before its creation (versioned events apply the newer
-- version over a missing older one). The copy then starts from the cancellation, which does not carry
-- these fields; order.created fills them in later.
ALTER TABLE orders
    ALTER COLUMN user_id DROP NOT NULL,
    ALTER COLUMN price DROP NOT NULL,
    ALTER COLUMN expires_at DROP NOT NULL;

-- 'refund_pending': charged for an order that was cancelled; the refund is recorded before it is
-- attempted, so a crash or a failed refund leaves it to the reconciler, not forgotten.
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments ADD CONSTRAINT payments_status_check
    CHECK (status IN ('pending', 'succeeded', 'declined', 'failed', 'refund_pending', 'refunded'));
ALTER TABLE payments ADD CONSTRAINT payments_charge_is_known
    CHECK (status NOT IN ('succeeded', 'refund_pending', 'refunded') OR stripe_id IS NOT NULL);

-- A charge waiting for its refund still holds its order: no second charge may start beside it.
DROP INDEX payments_one_live_charge_per_order;
CREATE UNIQUE INDEX payments_one_live_charge_per_order ON payments (order_id)
    WHERE status IN ('pending', 'succeeded', 'refund_pending');

-- What the reconciler looks for.
CREATE INDEX payments_unsettled ON payments (created_at) WHERE status IN ('pending', 'refund_pending');

-- The sandbox provider's own books, as a real provider keeps them: they outlive a restart of the
-- service, so the reconciler can ask what became of a charge whose answer was lost.
CREATE TABLE sandbox_ledger (
    idempotency_key text        PRIMARY KEY,
    charge_id       text        NOT NULL UNIQUE,
    order_id        text        NOT NULL,
    amount_cents    bigint      NOT NULL CHECK (amount_cents > 0),
    currency        text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('charged', 'refunded')),
    charged_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    refunded_at     timestamptz
);
