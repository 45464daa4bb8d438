-- Issue 13, the coalition effect at a million members (docs/benchmarks.md "Long periods in memory").
--
-- Which fold last wrote each purchase_activity row (its horizon as a number, as purchase_day.folded, V39): the copy of
-- the rollup kept in the app's memory (purchases.ActivityCache) reads only the rows written since it was read. The fold's
-- second statement, which sets acquired, marks the rows it changes too.
alter table purchase_activity add column folded bigint not null default 0;
create index purchase_activity_folded on purchase_activity (folded);
