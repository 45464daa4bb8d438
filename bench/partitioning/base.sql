-- the base data: 1 M members' worth of purchases, lines and ledger entries over 13 months (unpartitioned)
\timing on
set synchronous_commit = off;
set maintenance_work_mem = '512MB';
drop table if exists purchase, purchase_line, ledger_entry;
create table purchase (
    id bigint generated always as identity primary key, public_id uuid not null, partner_id bigint not null,
    receipt_id varchar(64) not null, member_id bigint not null, wallet_id bigint not null, program_version_id bigint not null,
    occurred_at timestamptz not null, fingerprint varchar(64) not null, total bigint not null, points bigint not null,
    activates_at timestamptz not null, response jsonb not null, created_at timestamptz not null);
create table purchase_line (purchase_id bigint not null, partner_id bigint not null, line_no int not null, sku varchar(64) not null,
    name varchar(200), category varchar(64), promo boolean not null, amount bigint not null, refunded bigint not null default 0);
create table ledger_entry (id bigint generated always as identity primary key, wallet_id bigint not null, member_id bigint not null,
    partner_id bigint, kind varchar(20) not null, amount bigint not null, activates_at timestamptz not null, created_at timestamptz not null,
    source_type varchar(20) not null, source_id bigint, note varchar(300));
-- 10 M purchases: 20 partners, 1 M members, over the last 395 days
insert into purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at, fingerprint, total, points,
                      activates_at, response, created_at)
select gen_random_uuid(), p, 'R-' || g, m, m * 3 + (p % 3), p, t, md5(g::text), 10000 + (g * 7919) % 290000, ((10000 + (g * 7919) % 290000) / 100),
       t + interval '14 days',
       jsonb_build_object('purchaseId', gen_random_uuid(), 'receiptId', 'R-' || g, 'breakdown', jsonb_build_object('eligible', 1000, 'accrual', 10, 'rule', '1 point per 100 RUB')),
       t
from (select g, 1 + (g * 2654435761) % 1000000 as m, 1 + (g * 40503) % 20 as p,
             now() - interval '395 days' + (g::double precision / 10000000) * interval '395 days' as t
      from generate_series(1::bigint, 10000000) g) x;
insert into purchase_line (purchase_id, partner_id, line_no, sku, name, category, promo, amount)
select id, partner_id, 1, 'SKU-1', 'Позиция', 'print', false, total from purchase;
insert into purchase_line (purchase_id, partner_id, line_no, sku, name, category, promo, amount)
select id, partner_id, 2, 'SKU-2', 'Позиция 2', 'print', true, 500 from purchase where id % 5 = 0;
insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id, note)
select wallet_id, member_id, partner_id, 'ACCRUAL', points, activates_at, created_at, 'purchase', id, null from purchase;
