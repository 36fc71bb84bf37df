-- The W3C traceparent of the work that added the event (null when there was none): the relay
-- publishes the event with it, so that one trace follows a request through the bus.
ALTER TABLE outbox ADD COLUMN trace_parent text;
