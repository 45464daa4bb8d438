-- Jobs that no longer scan whole tables (issue 8): the offers job reads from a cursor, birthdays from an index on the
-- birth month and day, the ledger audit page from the stored summary of its last full check.

-- Where a per-partner job stopped: it reads what happened after the position (less an overlap) up to its "now", then
-- moves the position in the same transaction as its work. rules_key fingerprints the rules the job applied (for
-- offers: the thresholds and the wallet scope in force); when they change the job starts over from the beginning.
create table job_cursor (
    job        varchar(40) not null,
    partner_id bigint      not null references partner (id),
    position   timestamptz not null,
    rules_key  varchar(64) not null,
    updated_at timestamptz not null,
    primary key (job, partner_id)
);

-- Credits by the moment they became spendable for anyone reading: their activation, or their posting when that came
-- later (an entry active at once, or posted late). The offers job reads a window of this and nothing else; debits
-- never make anyone reach a threshold, so they stay out of the index.
create index ledger_entry_became_active on ledger_entry ((greatest(activates_at, created_at))) where amount > 0;
-- PostgreSQL keeps no statistics for the expression of a partial index: without these the planner guesses a window
-- holds 0.5 % of all entries and may join it to every wallet
create statistics ledger_entry_became_active_stats on (greatest(activates_at, created_at)) from ledger_entry;

-- Offers closed (collected or annulled) in the job's window: their members are looked at again.
create index offer_closed on offer (partner_id, closed_at) where closed_at is not null;

-- Today's birthdays: an index on the birth month and day (29 February is looked up with the 28th in other years).
create index member_birthday on member ((extract(month from birth_date)), (extract(day from birth_date)))
    where status = 'ACTIVE';

-- Full checks of the ledger invariants, on demand (operator console or API) or nightly. The console shows the last
-- one instead of checking every wallet on every page view. At most one runs at a time (over all replicas); a run whose
-- replica died stops counting as running once its heartbeat is old (see ru.coalition.ledger.AuditRuns).
create table audit_run (
    id              bigint generated always as identity primary key,
    trigger         varchar(20)  not null check (trigger in ('CONSOLE', 'API', 'NIGHTLY')),
    requested_by    varchar(100),
    status          varchar(12)  not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    started_at      timestamptz  not null,
    heartbeat_at    timestamptz  not null,
    finished_at     timestamptz,
    duration_ms     bigint,
    steps_done      int          not null default 0,
    steps_total     int          not null,
    -- the ledger's size the check saw, the last entry it saw (what was posted since is a cheap live figure) and what it found
    wallets         bigint,
    entries         bigint,
    last_entry_id   bigint,
    wallets_in_debt bigint,
    breach_count    int,
    breaches        jsonb,
    error           varchar(500)
);
create unique index audit_run_one_running on audit_run ((true)) where status = 'RUNNING';
create index audit_run_done on audit_run (id desc) where status = 'DONE';
