-- Issue 13, analytics: what the dashboards add to the purchase rollups (ru.coalition.purchases.PurchaseActivity folds
-- them with purchase_day, exactly once per purchase and refund).

-- How a refund was split over the receipt's lines (purchase_line.refunded keeps only the running total): appended
-- with the refund, never changed. Refunds made before this migration have no rows here.
create table refund_line (
    refund_id    bigint not null references refund (id),
    purchase_id  bigint not null,
    line_no      int    not null,
    amount       bigint not null check (amount > 0),
    primary key (refund_id, line_no),
    foreign key (purchase_id, line_no) references purchase_line (purchase_id, line_no)
);

-- Sales per partner, local day and category (null: none given): what the lines came to, less what was refunded of them
-- (on the receipt's day), and how many lines were sold.
create table purchase_category_day (
    partner_id  bigint       not null,
    day         date         not null,
    category    varchar(64)  not null,
    amount      bigint       not null,
    lines       bigint       not null,
    primary key (partner_id, day, category)
);
alter table purchase_category_day enable row level security;
create policy partner_rows on purchase_category_day to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- Receipts per partner, local day and local hour of the day: the busiest hours.
create table purchase_hour (
    partner_id  bigint   not null,
    day         date     not null,
    hour        smallint not null check (hour between 0 and 23),
    receipts    bigint   not null,
    primary key (partner_id, day, hour)
);
alter table purchase_hour enable row level security;
create policy partner_rows on purchase_hour to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- everything folded so far, at once (the lines less all their refunds so far); from now on the fold adds to them
insert into purchase_category_day (partner_id, day, category, amount, lines)
select p.partner_id, cast(p.occurred_at at time zone pa.time_zone as date), coalesce(l.category, ''), sum(l.amount - l.refunded), count(*)
from purchase p join partner pa on pa.id = p.partner_id join purchase_line l on l.purchase_id = p.id
where p.written_by < (select folded_below from purchase_activity_cursor where id = 1)
group by 1, 2, 3;

insert into purchase_hour (partner_id, day, hour, receipts)
select p.partner_id, cast(p.occurred_at at time zone pa.time_zone as date), extract(hour from p.occurred_at at time zone pa.time_zone), count(*)
from purchase p join partner pa on pa.id = p.partner_id
where p.written_by < (select folded_below from purchase_activity_cursor where id = 1)
group by 1, 2, 3;

-- A partner's cards entered in a period (the dashboard's scratch-card tile)
create index scratch_card_partner_redeemed on scratch_card (partner_id, redeemed_at) where redeemed_by is not null;
