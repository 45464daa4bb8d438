-- The ledger and what feeds it: wallets, append-only entries, purchases with their lines and refunds, threshold
-- offers and the gift cards they become, one-time payment codes and redemptions, once-only bonus grants and tiers.
-- Money is kopecks (bigint), points are whole units (bigint).

-- A member's coalition wallet has no partner; a closed-loop program's wallet names its partner.
create table wallet (
    id         bigint generated always as identity primary key,
    member_id  bigint      not null references member (id),
    partner_id bigint references partner (id),
    -- the sum of all the wallet's entries, kept in the same transaction as each entry; the ledger audit checks it
    balance    bigint      not null default 0,
    created_at timestamptz not null,
    constraint wallet_unique unique nulls not distinct (member_id, partner_id)
);

create table ledger_entry (
    id           bigint generated always as identity primary key,
    wallet_id    bigint      not null references wallet (id),
    member_id    bigint      not null references member (id),
    -- partner of origin; null for an operator adjustment
    partner_id   bigint references partner (id),
    kind         varchar(20) not null check (kind in ('ACCRUAL', 'REVERSAL', 'REDEMPTION', 'REWARD', 'BONUS',
                                                      'ADJUSTMENT', 'EXPIRY')),
    amount       bigint      not null check (amount <> 0),
    -- the entry counts as spendable from this moment; before it, as pending
    activates_at timestamptz not null,
    created_at   timestamptz not null,
    source_type  varchar(20) not null,
    source_id    bigint,
    note         varchar(300)
);
create index ledger_entry_wallet on ledger_entry (wallet_id, activates_at) include (amount);
create index ledger_entry_member on ledger_entry (member_id, id desc);
create index ledger_entry_source on ledger_entry (source_type, source_id);

-- Corrections are new entries (reversals, adjustments), never edits.
create function ledger_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger entries are append-only';
end
$$;
create trigger ledger_entry_no_change before update or delete on ledger_entry
    for each row execute function ledger_entry_append_only();

create table purchase (
    id                 bigint generated always as identity primary key,
    public_id          uuid          not null,
    partner_id         bigint        not null references partner (id),
    receipt_id         varchar(64)   not null,
    member_id          bigint        not null references member (id),
    wallet_id          bigint        not null references wallet (id),
    program_version_id bigint        not null references program_version (id),
    occurred_at        timestamptz   not null,
    -- what the till sent, normalised: a replay must match it, or it is a 409
    fingerprint        varchar(64)   not null,
    total              bigint        not null,
    gift_card_paid     bigint        not null default 0,
    gift_card_bonus    bigint        not null default 0,
    multiplier         numeric(6, 3) not null default 1,
    points             bigint        not null,
    activates_at       timestamptz   not null,
    response           jsonb         not null,
    created_at         timestamptz   not null,
    constraint purchase_public_unique unique (public_id),
    constraint purchase_receipt_unique unique (partner_id, receipt_id)
);
create index purchase_member on purchase (member_id, partner_id, occurred_at);
create index purchase_partner_time on purchase (partner_id, occurred_at);

create table purchase_line (
    purchase_id bigint       not null references purchase (id),
    line_no     int          not null,
    sku         varchar(64)  not null,
    name        varchar(200),
    category    varchar(64),
    promo       boolean      not null,
    amount      bigint       not null check (amount >= 0),
    refunded    bigint       not null default 0 check (refunded >= 0 and refunded <= amount),
    primary key (purchase_id, line_no)
);

create table refund (
    id              bigint generated always as identity primary key,
    partner_id      bigint      not null references partner (id),
    refund_id       varchar(64) not null,
    purchase_id     bigint      not null references purchase (id),
    fingerprint     varchar(64) not null,
    amount          bigint      not null,
    points_reversed bigint      not null,
    response        jsonb       not null,
    created_at      timestamptz not null,
    constraint refund_unique unique (partner_id, refund_id)
);
create index refund_purchase on refund (purchase_id);

create table gift_card (
    id                   bigint generated always as identity primary key,
    partner_id           bigint      not null references partner (id),
    code                 varchar(20) not null,
    nominal              bigint      not null check (nominal > 0),
    member_id            bigint references member (id),
    status               varchar(12) not null check (status in ('ISSUED', 'REDEEMED')),
    issued_at            timestamptz not null,
    redeemed_at          timestamptz,
    redeemed_purchase_id bigint references purchase (id),
    constraint gift_card_code_unique unique (code)
);
create index gift_card_member on gift_card (member_id);

create table offer (
    id           bigint generated always as identity primary key,
    public_id    uuid        not null,
    partner_id   bigint      not null references partner (id),
    member_id    bigint      not null references member (id),
    wallet_id    bigint      not null references wallet (id),
    rule_id      varchar(64) not null,
    cost         bigint      not null,
    nominal      bigint      not null,
    status       varchar(12) not null check (status in ('OPEN', 'COLLECTED', 'ANNULLED')),
    noticed_at   timestamptz not null,
    expires_at   timestamptz not null,
    closed_at    timestamptz,
    gift_card_id bigint references gift_card (id),
    constraint offer_public_unique unique (public_id)
);
-- at most one open offer per member and rule: two job replicas cannot both make one
create unique index offer_one_open on offer (partner_id, member_id, rule_id) where status = 'OPEN';
create index offer_member on offer (member_id, partner_id, rule_id, noticed_at desc);
create index offer_due on offer (expires_at) where status = 'OPEN';

create table payment_code (
    id         bigint generated always as identity primary key,
    member_id  bigint      not null references member (id),
    code       varchar(8)  not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    failures   int         not null default 0
);
create index payment_code_member on payment_code (member_id, created_at desc);

create table redemption (
    id            bigint generated always as identity primary key,
    public_id     uuid        not null,
    partner_id    bigint      not null references partner (id),
    redemption_id varchar(64) not null,
    member_id     bigint      not null references member (id),
    wallet_id     bigint      not null references wallet (id),
    points        bigint      not null check (points > 0),
    receipt_id    varchar(64),
    fingerprint   varchar(64) not null,
    response      jsonb       not null,
    created_at    timestamptz not null,
    constraint redemption_unique unique (partner_id, redemption_id)
);

-- Bonuses paid at most once per key (welcome, referral, birthday per year, tier welcome per level): the primary key is
-- what makes a rerun or a second replica harmless.
create table bonus_grant (
    partner_id bigint      not null references partner (id),
    member_id  bigint      not null references member (id),
    kind       varchar(20) not null,
    grant_key  varchar(40) not null,
    granted_at timestamptz not null,
    primary key (partner_id, member_id, kind, grant_key)
);

create table member_tier (
    partner_id bigint      not null references partner (id),
    member_id  bigint      not null references member (id),
    tier_code  varchar(40) not null,
    spend      bigint      not null,
    since      timestamptz not null,
    updated_at timestamptz not null,
    primary key (partner_id, member_id)
);
