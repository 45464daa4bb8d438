-- Scratch cards (issue 10 §1–§3): a partner orders a batch, a job generates its cards in the background, the partner
-- prints them while the batch is READY and activates it once the cards are in the shops; a member enters a card's code
-- in the cabinet and its points are credited once.

create table scratch_batch (
    id              bigint generated always as identity primary key,
    partner_id      bigint       not null references partner (id),
    public_id       uuid         not null,
    -- the partner's own running number of the batch, printed in every serial (0007-0000123)
    batch_no        int          not null,
    status          varchar(12)  not null check (status in ('ORDERED', 'GENERATING', 'READY', 'ACTIVE', 'EXPIRED', 'CANCELLED')),
    card_count      int          not null check (card_count between 1 and 1000000),
    points_per_card bigint       not null check (points_per_card > 0),
    -- the last day (partner-local) a card of the batch may be entered
    valid_until     date         not null,
    note            varchar(300),
    ordered_by      varchar(100) not null,
    generated       int          not null default 0,
    created_at      timestamptz  not null,
    -- the generating replica and its last sign of life: a batch whose replica died is taken over
    worker          uuid,
    heartbeat_at    timestamptz,
    ready_at        timestamptz,
    activated_at    timestamptz,
    closed_at       timestamptz,
    constraint scratch_batch_public_unique unique (public_id),
    constraint scratch_batch_no_unique unique (partner_id, batch_no),
    constraint scratch_batch_generated check (generated between 0 and card_count)
);
create index scratch_batch_partner on scratch_batch (partner_id, id desc);
create index scratch_batch_to_generate on scratch_batch (id) where status in ('ORDERED', 'GENERATING');
create index scratch_batch_to_expire on scratch_batch (valid_until) where status in ('READY', 'ACTIVE');

-- One row per card. Only a keyed hash of the code is kept (HMAC-SHA-256 with a server secret): the table alone lets
-- nobody print or enter a card. The hash is unique over all partners because a member enters a code without saying
-- whose card it is; every other key leads with the partner.
create table scratch_card (
    partner_id  bigint      not null,
    batch_id    bigint      not null references scratch_batch (id),
    serial_no   int         not null,
    code_hash   bytea       not null,
    redeemed_by bigint references member (id),
    redeemed_at timestamptz,
    primary key (partner_id, batch_id, serial_no),
    constraint scratch_card_hash_unique unique (code_hash)
);
-- a batch's redeemed count is counted here rather than kept on the batch row, which every entry of a code of the
-- batch would otherwise have to lock
create index scratch_card_redeemed on scratch_card (batch_id) include (redeemed_by) where redeemed_by is not null;
create index scratch_card_redeemed_by on scratch_card (redeemed_by) where redeemed_by is not null;

-- The plain codes of a batch, sealed (AES-GCM, key from the environment) in chunks of consecutive serials, kept only
-- while the batch is READY so the partner can download them for the printer; deleted on activation or cancellation.
create table scratch_code_chunk (
    partner_id   bigint not null,
    batch_id     bigint not null references scratch_batch (id),
    first_serial int    not null,
    sealed       bytea  not null,
    primary key (partner_id, batch_id, first_serial)
);

-- Bucket4j's token buckets for guesses at codes (ru.coalition.scratchcards.ScratchThrottle): one per member, one per
-- client address. The library owns these columns: the state, when a bucket is full again and may be swept
-- (expires_at), and the advisory lock the sweep takes per bucket (explicit_lock).
create table scratch_throttle_member (
    id            bigint primary key,
    state         bytea,
    expires_at    bigint,
    explicit_lock bigint
);
create table scratch_throttle_address (
    id            bigint primary key,
    state         bytea,
    expires_at    bigint,
    explicit_lock bigint
);

alter table ledger_entry drop constraint ledger_entry_kind_check;
alter table ledger_entry add constraint ledger_entry_kind_check check (kind in ('ACCRUAL', 'REVERSAL', 'REDEMPTION', 'REWARD',
    'BONUS', 'ADJUSTMENT', 'EXPIRY', 'SCRATCH'));

do $$
declare
    t text;
begin
    foreach t in array array['scratch_batch', 'scratch_card', 'scratch_code_chunk']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy partner_rows on %I to coalition_partner using (partner_id = app_partner())'
                       ' with check (partner_id = app_partner())', t);
    end loop;
end
$$;
