-- The order's payment window closed here: its expiration reached the payments service. From then on
-- no payment may succeed (one still being charged is refunded); unless one had succeeded before, the
-- orders service, told by payment.window.closed, cancels the order. A copy made by the expiration
-- alone (order.created not yet here) starts at version -1, so that order.created still fills it in.
ALTER TABLE orders ADD COLUMN window_closed boolean NOT NULL DEFAULT false;
