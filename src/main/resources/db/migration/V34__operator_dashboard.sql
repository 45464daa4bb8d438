-- Issue 13 §6, the operator dashboard (ru.coalition.members.MemberFigures): registrations per month and members in force
-- at month ends are counted by ranges of these columns, not by reading the whole member table.
create index member_registered_at on member (registered_at);
create index member_deleted_at on member (deleted_at) where deleted_at is not null;

-- The coalition's purchases of a period, every partner together (ru.coalition.purchases.OperatorFigures): the rollups'
-- keys lead with the partner, so a read by days alone gets its own index, covering what it sums (index-only scans).
create index purchase_day_day on purchase_day (day) include (member_id, partner_id, receipts, spend);
create index purchase_hour_day on purchase_hour (day) include (hour, receipts);
