-- Records of handled events are deleted once no event can come again (RowRetention, Inbox.KEPT).
-- A BRIN index: the rows are written in time order, and it costs next to nothing per insert.
CREATE INDEX processed_events_processed_at ON processed_events USING brin (processed_at);
