-- A full check now reads on the streaming replica: where it read, and how far behind the primary that snapshot was
-- (null when unknown), so the console can say how fresh its figures are.
alter table audit_run add column on_replica boolean, add column behind_ms bigint;
