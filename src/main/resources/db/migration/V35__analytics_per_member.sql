-- Issue 13, the analytics pages at a million members (docs/benchmarks.md "Analytics"): most figures first sum each
-- customer's days of a period at one partner. Read through the primary key (partner, day, member) that meant fetching
-- rows from all over the table (the heap is in the order the fold wrote it, every partner mixed) and hashing a quarter
-- of a million members; this index gives the same rows by member, covered, so the sums stream (index-only scan, no hash).
create index purchase_day_partner_member on purchase_day (partner_id, member_id, day) include (receipts, spend);

-- The partner's scope in row-level security reads a setting, which parallel workers are given by the leader: declared
-- safe, a partner's scans of a year may use both cores like the operator's do.
alter function app_partner() parallel safe;
