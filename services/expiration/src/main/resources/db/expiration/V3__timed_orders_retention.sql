-- When each order's timer was set: the record is deleted once its order.created can no longer come
-- again (RowRetention, Inbox.KEPT). Orders timed before this migration count from now.
ALTER TABLE timed_orders ADD COLUMN timed_at timestamptz NOT NULL DEFAULT now();

CREATE INDEX timed_orders_timed_at ON timed_orders USING brin (timed_at);
