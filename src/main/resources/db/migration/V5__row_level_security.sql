-- Row-level security as the second barrier behind the partner_id in every query (issue 7 §1.8).
--
-- A transaction serving a partner's token switches to the role coalition_partner and names its partner
-- (PartnerScope.enter: SET LOCAL ROLE coalition_partner; set_config('app.partner', id, true)). For that role every
-- partner-scoped table shows and accepts only the rows of that partner, so a query that forgets "partner_id = ?"
-- still cannot see or touch another partner's rows. Operator and job paths never switch: they run as the login role,
-- which owns the tables and so is not subject to the policies (the explicit bypass).
--
-- Roles belong to the cluster. On a managed PostgreSQL where the login role may not create roles, a DBA runs the
-- "create role" below once and grants coalition_partner to the login role; the rest of this migration then applies.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'coalition_partner') then
        create role coalition_partner nologin;
    end if;
end
$$;
grant coalition_partner to current_user;
grant usage on schema public to coalition_partner;
grant select, insert, update, delete on all tables in schema public to coalition_partner;
grant usage, select on all sequences in schema public to coalition_partner;
alter default privileges in schema public grant select, insert, update, delete on tables to coalition_partner;
alter default privileges in schema public grant usage, select on sequences to coalition_partner;

-- the partner the transaction serves; no partner set means no rows
create function app_partner() returns bigint language sql stable as $$
    select nullif(current_setting('app.partner', true), '')::bigint
$$;
grant execute on function app_partner() to coalition_partner;

do $$
declare
    t text;
begin
    foreach t in array array['program_version', 'purchase', 'refund', 'gift_card', 'offer', 'redemption', 'bonus_grant',
                             'member_tier', 'audit_entry']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('create policy partner_rows on %I to coalition_partner using (partner_id = app_partner())'
                       ' with check (partner_id = app_partner())', t);
    end loop;
end
$$;

-- purchase lines belong to their purchase; the subquery itself sees only the partner's purchases
alter table purchase_line enable row level security;
create policy partner_rows on purchase_line to coalition_partner
    using (exists (select 1 from purchase p where p.id = purchase_id))
    with check (exists (select 1 from purchase p where p.id = purchase_id));
