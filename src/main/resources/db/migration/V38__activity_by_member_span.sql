-- Issue 13, the coalition effect at a million members (docs/benchmarks.md "Analytics").
--
-- "Bought elsewhere in the period" and "where did the acquired buy first" read, for each of a partner's customers,
-- the member's rows at the other partners: with their partner and first and last receipts in the index, each is an
-- index-only look-up (2 µs) instead of a heap fetch scattered over the table (a year of the busiest partner's 265 000
-- customers: 0.5 s against 3 s). It serves every look-up by member the narrower index did.
create index purchase_activity_member_span on purchase_activity (member_id) include (partner_id, first_at, last_at);
drop index purchase_activity_member;
