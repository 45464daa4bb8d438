-- Issue 10 §4: the operator's rewards catalog. Members spend coalition points on rewards that a partner honours; an
-- order debits the coalition wallet and issues a voucher the honouring partner's till redeems once.

-- A reward of the catalog, kept by the operator. partner_id is the partner that honours it (and that clearing pays).
create table catalog_reward (
    id               bigint generated always as identity primary key,
    public_id        uuid          not null,
    partner_id       bigint        not null references partner (id),
    title_ru         varchar(120)  not null,
    title_en         varchar(120)  not null,
    description_ru   varchar(2000) not null default '',
    description_en   varchar(2000) not null default '',
    cost             bigint        not null check (cost > 0),
    -- what can still be ordered; null: unlimited. Orders take one with a conditional update, never below zero
    stock_left       integer check (stock_left >= 0),
    -- vouchers a member may hold of this reward (issued or redeemed); null: no limit
    per_member_limit integer check (per_member_limit > 0),
    -- the operator's calendar days (Europe/Moscow) it can be ordered on; null: open-ended
    active_from      date,
    active_until     date,
    validity_days    integer       not null default 30 check (validity_days between 1 and 365),
    -- false once the operator withdraws it: it leaves the catalog, vouchers already issued stay valid
    active           boolean       not null default true,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    constraint catalog_reward_public_unique unique (public_id),
    constraint catalog_reward_period check (active_until is null or active_from is null or active_until >= active_from)
);
create index catalog_reward_partner on catalog_reward (partner_id, id);

-- The reward's picture, apart from the reward so listing rewards never reads the bytes. Served with its hash as ETag.
create table catalog_picture (
    reward_id    bigint      primary key references catalog_reward (id),
    content_type varchar(20) not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
    bytes        bytea       not null,
    sha256       varchar(64) not null,
    uploaded_at  timestamptz not null
);

-- An order is a money record: written once, never changed (the voucher carries the state). The ledger's REWARD entry
-- (source_type 'reward_order', source_id = this id) debits cost from wallet_id; an expired voucher's REVERSAL gives it back.
create table reward_order (
    id         bigint generated always as identity primary key,
    public_id  uuid        not null,
    partner_id bigint      not null references partner (id),
    member_id  bigint      not null references member (id),
    reward_id  bigint      not null references catalog_reward (id),
    wallet_id  bigint      not null references wallet (id),
    cost       bigint      not null check (cost > 0),
    ordered_at timestamptz not null,
    constraint reward_order_public_unique unique (public_id)
);
create index reward_order_member on reward_order (member_id, reward_id);
create index reward_order_partner on reward_order (partner_id, ordered_at);

create table voucher (
    id          bigint generated always as identity primary key,
    partner_id  bigint      not null references partner (id),
    -- what the member shows and the cashier types: grouped, without look-alike characters (VoucherCodes)
    code        varchar(20) not null,
    order_id    bigint      not null references reward_order (id),
    member_id   bigint      not null references member (id),
    reward_id   bigint      not null references catalog_reward (id),
    state       varchar(10) not null check (state in ('ISSUED', 'REDEEMED', 'EXPIRED')),
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    redeemed_at timestamptz,
    expired_at  timestamptz,
    constraint voucher_code_unique unique (code),
    constraint voucher_order_unique unique (order_id),
    constraint voucher_state_times check ((state = 'REDEEMED') = (redeemed_at is not null)
        and (state = 'EXPIRED') = (expired_at is not null))
);
create index voucher_member on voucher (member_id, reward_id, state);
create index voucher_partner on voucher (partner_id, issued_at);
-- the expiry job's claim reads only the vouchers still open
create index voucher_due on voucher (expires_at) where state = 'ISSUED';

-- The honouring partner's till sees only its own vouchers and orders (the second barrier, as in V5); the catalog
-- itself is public and the operator's, so it has no policy.
alter table voucher enable row level security;
create policy partner_rows on voucher to coalition_partner using (partner_id = app_partner()) with check (partner_id = app_partner());
alter table reward_order enable row level security;
create policy partner_rows on reward_order to coalition_partner using (partner_id = app_partner()) with check (partner_id = app_partner());
