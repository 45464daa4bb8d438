-- Partitioning, step 2 of 2: purchase, purchase_line and ledger_entry become tables partitioned by range of id, each
-- with its old table as the first partition (<table>_0). Only the catalogue changes, so the lock is held for moments:
-- no row is copied and no index is built (V49 built the only new ones; the bounds were proved by V51).
--
-- What changes with it:
-- - a partitioned table keeps no unique key without its partition key: purchase's (partner_id, receipt_id) lives on in
--   the registry (V47), and the public id is random (UUID v4) and looked up through a plain index;
-- - a foreign key between two of these tables would be checked row by row when a partition is attached: purchase_line's
--   key to purchase goes, as its rows are only ever written by the statement that writes their purchase, and the ledger
--   audit reads them together;
-- - the ids come from a sequence of the parent's (an identity column cannot be attached); new partitions are made by
--   id_range_add, from here and from the partitions job.

-- every table whose lock the swap needs, before any change: the three, the tables whose keys point at them, and the
-- tables their own keys point at (a key added takes SHARE ROW EXCLUSIVE on both ends)
select lock_hot_tables('lock table ledger_entry, purchase, purchase_line, refund, refund_line, gift_card, ledger_allocation'
                       ' in access exclusive mode; lock table member, wallet, partner in share row exclusive mode');

-- Makes the partition [lower, upper) of a parent and records it. A new partition takes the extended statistics of the
-- one before it and index names after its parent's. The row-level-security role has no rights on it: partner-scoped
-- reads go through the parent, whose policies apply, never to a partition directly.
create function id_range_add(p_parent text, p_lower bigint, p_upper bigint) returns text language plpgsql as $$
declare
    part      text := p_parent || '_' || p_lower;
    previous  text := (select partition from id_range where parent = p_parent and upper = p_lower);
    s         record;
begin
    execute format('create table %I partition of %I for values from (%s) to (%s)', part, p_parent, p_lower, p_upper);
    execute format('revoke all on %I from coalition_partner', part);
    -- the partition's indexes are named after the parent's (ledger_entry_<lower>_became_active), as the first ones are
    for s in select c.relname as child, p.relname as parent_index from pg_index x join pg_class c on c.oid = x.indexrelid
             join pg_inherits i on i.inhrelid = c.oid join pg_class p on p.oid = i.inhparent
             where x.indrelid = part::regclass and c.relname <> part || substr(p.relname, length(p_parent) + 1) loop
        execute format('alter index %I rename to %I', s.child, part || substr(s.parent_index, length(p_parent) + 1));
    end loop;
    for s in select x.stxname, pg_get_statisticsobjdef(x.oid) as def from pg_statistic_ext x
             where x.stxrelid = to_regclass(previous) loop
        execute replace(replace(s.def, s.stxname, replace(s.stxname, previous, part)), ' FROM ' || previous, ' FROM ' || part);
    end loop;
    insert into id_range (parent, partition, sequence, lower, upper, created_at)
    select p_parent, part, sequence, p_lower, p_upper, now() from id_range where parent = p_parent and upper = p_lower;
    return part;
end
$$;

create function partition_by_id(t text, key text) returns void language plpgsql as $$
declare
    first   text := t || '_0';
    bound   bigint := (select upper from id_range where parent = t and lower is null);
    seq     text := case when key = 'id' then pg_get_serial_sequence(t, 'id') end;
    last_id bigint;
    r       record;
begin
    execute format('alter table %I rename to %I', t, first);
    for r in select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
             where i.indrelid = first::regclass and c.relname like t || '\_%' and c.relname not like first || '\_%' loop
        execute format('alter index %I rename to %I', r.relname, first || substr(r.relname, length(t) + 1));
    end loop;

    for r in select stxname from pg_statistic_ext where stxrelid = first::regclass and stxname not like first || '\_%' loop
        execute format('alter statistics %I rename to %I', r.stxname, first || substr(r.stxname, length(t) + 1));
    end loop;

    execute format('create table %I (like %I including defaults including constraints) partition by range (%I)', t, first, key);
    execute format('alter table %I drop constraint %I', t, t || '_bound');

    if seq is not null then
        last_id := greatest(coalesce(pg_sequence_last_value(seq), 0), bound - 10000000);
        execute format('alter table %I alter column id drop identity', first);
        execute format('create sequence %I as bigint start with %s owned by %I.id', t || '_id_seq', last_id + 1, t);
        execute format('alter table %I alter column id set default nextval(%L)', t, t || '_id_seq');
    end if;

    -- keys and indexes on the empty parent first: attaching then adopts the first partition's own
    for r in select c.conname, pg_get_constraintdef(c.oid) as def from pg_constraint c
             where c.conrelid = first::regclass and c.contype in ('p', 'u')
               and exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any(c.conkey) and a.attname = key) loop
        execute format('alter table %I add constraint %I %s', t, t || substr(r.conname, length(first) + 1), r.def);
    end loop;
    for r in select c.relname, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
             where i.indrelid = first::regclass
               and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid) loop
        execute replace(replace(r.def, 'INDEX ' || r.relname || ' ', 'INDEX ' || t || substr(r.relname, length(first) + 1) || ' '),
                        ' ON public.' || first || ' ', ' ON public.' || t || ' ');
    end loop;
    for r in select c.conname, pg_get_constraintdef(c.oid) as def, c.confrelid::regclass::text as target from pg_constraint c
             where c.conrelid = first::regclass and c.contype = 'f' loop
        if r.target in ('purchase_0', 'purchase_line_0', 'ledger_entry_0') then
            execute format('alter table %I drop constraint %I', first, r.conname);
        else
            execute format('alter table %I add constraint %I %s', t, r.conname, r.def);
        end if;
    end loop;

    execute format('alter table %I attach partition %I for values from (minvalue) to (%s)', t, first, bound);

    -- what the first partition keeps no longer: the unique keys the registry and the plain indexes replace, the bound
    for r in select c.conname from pg_constraint c
             where c.conrelid = first::regclass and c.contype = 'u' and c.conparentid = 0 loop
        execute format('alter table %I drop constraint %I', first, r.conname);
    end loop;
    execute format('alter table %I drop constraint %I', first, t || '_bound');

    -- row-level security and triggers move to the parent (a row trigger on the parent is cloned to every partition)
    if (select relrowsecurity from pg_class where oid = first::regclass) then
        execute format('alter table %I enable row level security', t);
        for r in select * from pg_policies where schemaname = 'public' and tablename = first loop
            execute format('create policy %I on %I as %s for %s to %s using (%s)%s', r.policyname, t, r.permissive, r.cmd,
                           array_to_string(r.roles, ', '), r.qual,
                           case when r.with_check is null then '' else ' with check (' || r.with_check || ')' end);
        end loop;
    end if;
    execute format('revoke all on %I from coalition_partner', first);
    for r in select tgname, pg_get_triggerdef(oid) as def from pg_trigger where tgrelid = first::regclass and not tgisinternal loop
        execute format('drop trigger %I on %I', r.tgname, first);
        if r.tgname <> 'purchase_registered' then
            execute replace(r.def, ' ON public.' || first || ' ', ' ON public.' || t || ' ');
        end if;
    end loop;

    -- foreign keys from other tables now point at the parent; unvalidated here, validated by V53 without the lock
    for r in select c.conname, c.conrelid::regclass::text as owner, pg_get_constraintdef(c.oid) as def from pg_constraint c
             where c.confrelid = first::regclass and c.contype = 'f' and c.conparentid = 0 loop
        execute format('alter table %I drop constraint %I', r.owner, r.conname);
        if r.owner not in ('purchase', 'purchase_line', 'ledger_entry', 'purchase_0', 'purchase_line_0', 'ledger_entry_0') then
            execute format('alter table %I add constraint %I %s not valid', r.owner, r.conname,
                           replace(r.def, 'REFERENCES ' || first || '(', 'REFERENCES ' || t || '('));
        end if;
    end loop;

    -- the next partition, so that writes go on past the bound even before the partitions job first runs
    perform id_range_add(t, bound, bound + 10000000);
end
$$;

select partition_by_id('purchase', 'id');
select partition_by_id('purchase_line', 'purchase_id');
select partition_by_id('ledger_entry', 'id');
drop function partition_by_id(text, text);
drop function purchase_registered();
