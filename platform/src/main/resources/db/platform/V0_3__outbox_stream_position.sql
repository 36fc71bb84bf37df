-- Where the stream stored each published event, and which incarnation of the stream that was:
-- the relay compares both with the stream to notice what a NATS server lost, and publishes it again.
ALTER TABLE outbox ADD COLUMN stream_seq bigint;

CREATE TABLE outbox_stream (
    name       text PRIMARY KEY,
    created_at text NOT NULL
);
