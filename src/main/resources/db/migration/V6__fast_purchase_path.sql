-- The fast purchase path (issue 8).
--
-- Replicas cache partners and their program versions (ru.coalition.partners.PartnerCache). Every change to either
-- table, whoever makes it (the tenant loader, the console, the portal's editor, a DBA's update), tells every replica
-- at commit through NOTIFY on channel coalition_config; each replica LISTENs and drops its cache. The payload is the
-- partner's id.
create function notify_partner_config() returns trigger language plpgsql as $$
declare
    changed jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
begin
    perform pg_notify('coalition_config', case when tg_table_name = 'partner' then changed ->> 'id' else changed ->> 'partner_id' end);
    return null;
end
$$;

create trigger partner_config_changed after insert or update or delete on partner
    for each row execute function notify_partner_config();
create trigger program_version_config_changed after insert or update or delete on program_version
    for each row execute function notify_partner_config();

-- A receipt's lines are written in the statement that writes the receipt, where the receipt is not yet visible to the
-- line policy's subquery; each line names its partner instead (the tenant column, as on every other partner-scoped
-- table), and the policy compares it directly.
alter table purchase_line add column partner_id bigint references partner (id);
update purchase_line l set partner_id = p.partner_id from purchase p where p.id = l.purchase_id;
alter table purchase_line alter column partner_id set not null;
drop policy partner_rows on purchase_line;
create policy partner_rows on purchase_line to coalition_partner
    using (partner_id = app_partner())
    with check (partner_id = app_partner());

-- Every purchase and ledger entry of a partner named the same partner row and program version row through a foreign
-- key, and each check takes a KEY SHARE lock on that row: with many tills of one partner posting at once, PostgreSQL
-- keeps merging all of them into multixacts on those two rows. Partners and program versions are never deleted (the
-- triggers below make that a rule, which is all those keys protected against), and a partner-scoped insert names its
-- own partner (row-level security checks partner_id = app_partner()), so the keys go from the hot tables.
alter table purchase drop constraint purchase_partner_id_fkey;
alter table purchase drop constraint purchase_program_version_id_fkey;
alter table ledger_entry drop constraint ledger_entry_partner_id_fkey;
alter table bonus_grant drop constraint bonus_grant_partner_id_fkey;

create function never_deleted() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never deleted', tg_table_name;
end
$$;
create trigger partner_never_deleted before delete on partner
    for each row execute function never_deleted();
create trigger program_version_never_deleted before delete on program_version
    for each row execute function never_deleted();
