-- Every order whose timer was set, kept after the timer fired: an order's creation sets its timer once,
-- also when the same order.created comes again under another event id (the inbox knows event ids only,
-- and a fired timer's row is gone from scheduled_tasks).
CREATE TABLE timed_orders (
    order_id text PRIMARY KEY
);

INSERT INTO timed_orders (order_id)
SELECT task_instance FROM scheduled_tasks WHERE task_name = 'order-expiration'
ON CONFLICT DO NOTHING;
