-- Issue 13, the analytics pages at a million members (docs/benchmarks.md "Analytics").
--
-- A partner's takings per local day: revenue less refunds, receipts, and members (its purchase_day rows of the day).
-- The dashboard's day series summed a year of the busiest partner's member-days (1.2 M rows, 0.27 s) for 365 rows.
-- The fold keeps it with purchase_day: a member counts on the day their purchase_day row is first written.
create table purchase_partner_day (
    partner_id  bigint  not null,
    day         date    not null,
    receipts    bigint  not null,
    spend       bigint  not null,
    members     bigint  not null,
    primary key (partner_id, day)
);
alter table purchase_partner_day enable row level security;
create policy partner_rows on purchase_partner_day to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- a fold in flight finishes first, and none starts until this is committed
select 1 from purchase_activity_cursor where id = 1 for update;

insert into purchase_partner_day (partner_id, day, receipts, spend, members)
select partner_id, day, sum(receipts), sum(spend), count(*) from purchase_day group by partner_id, day;
