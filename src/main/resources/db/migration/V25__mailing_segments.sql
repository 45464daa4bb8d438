-- Issue 12 §3, segments: what a segment count reads besides the member table.

-- Each member's activity at each partner, folded from purchases and refunds (ru.coalition.purchases.PurchaseActivity):
-- first and last purchase, receipts, spend less refunds (kopecks). A segment asks this table "bought at X in the last N
-- days", "spent at least S", "visited at least V times" instead of aggregating the purchase table on every count.
create table purchase_activity (
    member_id     bigint      not null references member (id),
    partner_id    bigint      not null,
    first_at      timestamptz not null,
    last_at       timestamptz not null,
    receipts      bigint      not null,
    spend         bigint      not null,
    primary key (partner_id, member_id)
);
create index purchase_activity_member on purchase_activity (member_id);
create index purchase_activity_partner_last on purchase_activity (partner_id, last_at) include (member_id);
alter table purchase_activity enable row level security;
create policy partner_rows on purchase_activity to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());

-- The same over all partners, one row per member: "spent at least S in total", "bought anywhere in the last N days".
create table purchase_activity_total (
    member_id     bigint      primary key references member (id),
    first_at      timestamptz not null,
    last_at       timestamptz not null,
    receipts      bigint      not null,
    spend         bigint      not null
);
create index purchase_activity_total_last on purchase_activity_total (last_at) include (member_id);

-- The transaction that wrote each purchase and refund (64-bit, never wraps). The fold job takes the snapshot's xmin as
-- its horizon: every transaction below it has ended, so "written by a transaction in [last horizon, this horizon)" is a
-- set that no longer changes, and each row is folded exactly once, whatever order ids were committed in. The purchase
-- path writes nothing more than it did: the column is filled by its default.
alter table purchase add column written_by xid8 not null default pg_current_xact_id();
alter table refund add column written_by xid8 not null default pg_current_xact_id();
create index purchase_written_by on purchase (written_by);
create index refund_written_by on refund (written_by);

-- Where the fold stopped: everything written by transactions below folded_below is in purchase_activity.
create table purchase_activity_cursor (
    id           int         primary key check (id = 1),
    folded_below xid8        not null,
    folded_at    timestamptz
);
insert into purchase_activity_cursor (id, folded_below) values (1, '0');

-- Segment conditions on the questionnaire: the birth date (age bands, birthday this month) and the city.
create index member_active_birth on member (birth_date) where status = 'ACTIVE';
create index member_active_city on member (lower(city)) where status = 'ACTIVE';
