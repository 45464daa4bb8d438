-- Issue 13, the analytics pages at a million members (docs/benchmarks.md "Analytics").
--
-- "Acquired through the coalition": the member's first receipt anywhere came before their first receipt at this
-- partner. Newcomer counts and the coalition effect compared each of a partner's rows with the member's coalition
-- total, hashing a million totals per call (0.3 s a period). The fold now keeps the answer on the row: after each
-- fold, PurchaseActivity sets it again for the members whose receipts it folded (a back-dated receipt elsewhere can
-- make every other partner's row of the member acquired).
alter table purchase_activity add column acquired boolean not null default false;

update purchase_activity a set acquired = true
from purchase_activity_total t
where t.member_id = a.member_id and t.first_at < a.first_at;

-- a period's newcomers and how many were acquired: an index-only range of the partner's first receipts
drop index purchase_activity_partner_first;
create index purchase_activity_partner_first on purchase_activity (partner_id, first_at) include (member_id, acquired);
