-- What the buyer ordered: the ticket's title and price as the replica held them when the order was
-- placed. An order shows them (not the replica's later state), and a replica that changes them under
-- an open order (the seller's edit, decided by the tickets service before it heard of the order)
-- cancels that order.
ALTER TABLE orders ADD COLUMN ticket_title text, ADD COLUMN ticket_price numeric(8, 2);
UPDATE orders o SET ticket_title = t.title, ticket_price = t.price FROM tickets t WHERE t.id = o.ticket_id;
ALTER TABLE orders ALTER COLUMN ticket_title SET NOT NULL, ALTER COLUMN ticket_price SET NOT NULL;
