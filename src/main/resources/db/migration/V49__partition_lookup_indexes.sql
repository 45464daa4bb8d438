-- Partitioning, step 1 of 2: the plain indexes every partition of purchase will carry in place of the two unique ones
-- a partitioned table cannot keep (receipt lookups by refunds and orders, purchases by public id). Built without
-- blocking writes; V52 attaches these to the partitioned table instead of building them under its lock.
create index concurrently if not exists purchase_0_receipt_lookup on purchase (partner_id, receipt_id);
create index concurrently if not exists purchase_0_public_id on purchase (public_id);
