-- Partitioning, step 2 of 2 (contract): from here on, only the version that registers receipts first may write
-- purchases (docs/scaling.md "Partitioning": a rolling update stops at V49 first with DB_MIGRATE_UP_TO=49).
--
-- The existing tables become the first partitions of purchase, purchase_line and ledger_entry, partitioned by range of
-- id (the purchase's id for lines): ids grow with posting time, so a partition is a stretch of time, yet every key and
-- foreign key on id stays as it is. Each first partition takes the ids up to a bound ten million above the last one
-- drawn; partitions after it are made ahead by the partitions job (platform.IdRanges) at about a month of ids each.
--
-- ATTACH PARTITION skips its scan of a table when a valid CHECK constraint proves the bound. The constraints are added
-- here unvalidated (a moment's lock) and validated by V51, which scans without blocking writes.
-- Takes the locks a migration of hot tables needs, all at once and without ever waiting long while holding one: each
-- try waits at most 100 ms per lock (the writers queued behind it wait no longer) and, on a timeout, lets go of all of
-- them and tries again. Taking them one by one would deadlock with a writer that holds one of them and waits for another.
create function lock_hot_tables(statements text) returns void language plpgsql as $$
declare
    saved text := current_setting('lock_timeout');
begin
    perform set_config('lock_timeout', '100ms', true);
    for attempt in 1 .. 3000 loop
        begin
            execute statements;
            perform set_config('lock_timeout', saved, true);
            return;
        exception when lock_not_available then
            perform pg_sleep(0.05 + random() * 0.1);
        end;
    end loop;
    raise exception 'could not lock the tables in 3 000 tries: %', statements;
end
$$;

create table id_range (
    parent     varchar(63) not null,
    partition  varchar(63) not null,
    -- the sequence the partition key's values come from: parents of one sequence (purchase and its lines) share bounds
    sequence   varchar(63) not null,
    -- null: from the lowest id
    lower      bigint,
    upper      bigint      not null,
    created_at timestamptz not null,
    primary key (parent, upper)
);

-- The ids drawn, per sequence, as the partitions job saw them: a month of ids is measured from these.
create table id_sample (
    sequence varchar(63) not null,
    taken_at timestamptz not null,
    last_id  bigint      not null,
    primary key (sequence, taken_at)
);

insert into id_range (parent, partition, sequence, lower, upper, created_at)
select t, t || '_0', t || '_id_seq', null,
       -- every id so far came from the sequence (the identity's, or drawn by the registry since V47)
       coalesce(pg_sequence_last_value(cast(t || '_id_seq' as regclass)), 0) + 10000000,
       now()
from unnest(array['purchase', 'ledger_entry']) as t;
insert into id_range (parent, partition, sequence, lower, upper, created_at)
select 'purchase_line', 'purchase_line_0', sequence, null, upper, created_at from id_range where parent = 'purchase';

select lock_hot_tables('lock table ledger_entry, purchase, purchase_line in access exclusive mode');
do $$
declare
    r record;
begin
    for r in select parent, upper from id_range loop
        execute format('alter table %I add constraint %I check (%I < %s) not valid', r.parent, r.parent || '_bound',
                       case r.parent when 'purchase_line' then 'purchase_id' else 'id' end, r.upper);
    end loop;
end
$$;
