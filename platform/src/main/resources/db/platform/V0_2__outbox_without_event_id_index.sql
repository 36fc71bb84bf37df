-- Event ids are random UUIDs made by Outbox.add; a unique index on them guarded nothing and cost
-- an index entry on every insert and every "published" update (the relay's hot path).
ALTER TABLE outbox DROP CONSTRAINT outbox_event_id_key;
