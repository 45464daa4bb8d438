-- Issue 13, analytics: each member's purchases at each partner per local day (the partner's time zone), folded from
-- purchases and refunds by the same job as purchase_activity (ru.coalition.purchases.PurchaseActivity). A refund counts
-- on its receipt's day, so a period's spend is what its receipts came to in the end. Dashboards sum and count these rows
-- for a period instead of reading the purchase table.
create table purchase_day (
    partner_id    bigint  not null,
    day           date    not null,
    member_id     bigint  not null references member (id),
    receipts      bigint  not null,
    spend         bigint  not null,
    primary key (partner_id, day, member_id)
);
alter table purchase_day enable row level security;
create policy partner_rows on purchase_day to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- "new customers in a period": members whose first purchase at the partner falls in it
create index purchase_activity_partner_first on purchase_activity (partner_id, first_at) include (member_id);

-- everything folded so far, at once; from now on the fold adds to it
insert into purchase_day (partner_id, day, member_id, receipts, spend)
select partner_id, day, member_id, sum(receipts), sum(spend) from (
    select p.partner_id, cast(p.occurred_at at time zone pa.time_zone as date) as day, p.member_id, count(*) as receipts,
           sum(p.total) as spend
    from purchase p join partner pa on pa.id = p.partner_id
    where p.written_by < (select folded_below from purchase_activity_cursor where id = 1)
    group by 1, 2, 3
    union all
    select p.partner_id, cast(p.occurred_at at time zone pa.time_zone as date), p.member_id, 0, -sum(r.amount)
    from refund r join purchase p on p.id = r.purchase_id join partner pa on pa.id = p.partner_id
    where r.written_by < (select folded_below from purchase_activity_cursor where id = 1)
    group by 1, 2, 3) d
group by 1, 2, 3;
