-- Issue 13, the analytics of long periods at a million members (docs/benchmarks.md "Long periods in memory").
--
-- Which fold last wrote each purchase_day row: the fold's horizon (purchase_activity_cursor.folded_below after it, as
-- a number). A partner's member-days kept in the app's memory (purchases.MemberDayCache) read only the rows written
-- since they were read, through the index below, instead of the partner's whole history again.
-- The default fills the existing rows without rewriting the table; a copy read before this migration reads them all.
alter table purchase_day add column folded bigint not null default 0;
create index purchase_day_folded on purchase_day (partner_id, folded);
