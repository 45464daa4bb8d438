-- Issue 13 §6, the operator dashboard (ru.coalition.members.MemberFigures): registrations per month and members in force
-- at month ends are counted by ranges of these columns, not by reading the whole member table.
create index member_registered_at on member (registered_at);
create index member_deleted_at on member (deleted_at) where deleted_at is not null;
