-- Issue 13, the analytics pages at a million members (docs/benchmarks.md "Analytics").
--
-- A period's rows of one partner were read through the primary key (partner, day, member) and then fetched from the
-- heap, which the fold writes with every partner mixed: a year of the busiest partner touched 90 000 pages for 1.2 M
-- rows. With its sums included the key answers a period by itself (index-only scans).
alter table purchase_day drop constraint purchase_day_pkey,
    add constraint purchase_day_pkey primary key (partner_id, day, member_id) include (receipts, spend);

-- Most figures first sum each customer's days of a period at one partner. Read by member, the sums stream as the index
-- is read instead of hashing a quarter of a million customers (a year's per-member sums: 0.35 s against 1.1 s).
create index purchase_day_partner_member on purchase_day (partner_id, member_id, day) include (receipts, spend);

