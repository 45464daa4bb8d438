-- Partner clearing (issue 10 §6): what each partner owes the operator for the coalition points it issued, and what the
-- operator owes it for coalition points spent at its till or on catalog rewards it honours, month by month.

-- RUB per coalition point, set by the operator at onboarding (tenants/<slug>.yaml: clearing.ratePerPoint)
alter table partner add column rate_per_point numeric(10, 4) check (rate_per_point >= 0);

-- Statements are read from the ledger by posting time; a BRIN index keeps a month's range cheap on the append-only
-- table without slowing its inserts the way a B-tree on one more column would.
create index ledger_entry_created_brin on ledger_entry using brin (created_at);

-- A closed month: its statements were stored and never change. Entries posted after the close for an earlier time
-- (a replica whose clock lagged, a transaction that committed late) have ids above last_entry_id and land in the next
-- open month as corrections.
create table clearing_month (
    period        date        primary key check (extract(day from period) = 1),
    closed_at     timestamptz not null,
    last_entry_id bigint      not null
);

create table clearing_statement (
    partner_id     bigint         not null references partner (id),
    period         date           not null references clearing_month (period),
    issued         bigint         not null,
    redeemed       bigint         not null,
    expired        bigint         not null,
    -- points of the partner's issue still in members' wallets at the month's end
    outstanding    bigint         not null,
    rate_per_point numeric(10, 4) not null,
    -- kopecks; positive: the operator owes the partner, negative: the partner owes the operator
    net            bigint         not null,
    lines          jsonb          not null,
    primary key (partner_id, period)
);

alter table clearing_statement enable row level security;
create policy partner_rows on clearing_statement to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());
