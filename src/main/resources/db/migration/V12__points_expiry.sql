-- Issue 10 §5: points expiry, and FIFO spending so that what expires is well defined.
--
-- Every credit entry (amount > 0) is a lot. A debit is allocated to the lots it consumed, oldest active first; a lot's
-- remaining is its amount minus its allocations. Debits posted before this migration have no allocations: the ledger
-- replays them as FIFO consumers (ru.coalition.ledger.Lots) and writes their allocations down the first time it holds
-- their wallet's lock, so old data stays consistent and the remaining of a lot becomes one sum.

-- the moment the lot's remaining lapses (a credit under an afterMonths program, or a returned voucher's points that
-- keep the expiry of the lot they came from); null: never
alter table ledger_entry add column expires_at timestamptz;

-- the expiry job reads only lots that can expire
create index ledger_entry_expiring on ledger_entry (expires_at) where amount > 0 and expires_at is not null;

-- Ledger tables are shared by all partners (a coalition wallet holds points of many), so no tenant column leads here.
create table ledger_allocation (
    wallet_id      bigint not null references wallet (id),
    debit_entry_id bigint not null references ledger_entry (id),
    lot_entry_id   bigint not null references ledger_entry (id),
    amount         bigint not null check (amount > 0)
);
create index ledger_allocation_lot on ledger_allocation (lot_entry_id) include (amount);
create index ledger_allocation_wallet on ledger_allocation (wallet_id);
create index ledger_allocation_debit on ledger_allocation (debit_entry_id);

create trigger ledger_allocation_no_change before update or delete on ledger_allocation
    for each row execute function ledger_entry_append_only();

-- The member is told once per wallet and expiry day, 14 days before: the key makes a rerun or a second replica harmless.
create table expiry_notice (
    wallet_id  bigint      not null references wallet (id),
    expires_on date        not null,
    points     bigint      not null,
    sent_at    timestamptz not null,
    primary key (wallet_id, expires_on)
);
