-- The support desk's service levels (issue 11 §3): targets per category and priority in business minutes, the business
-- calendar (working hours in the operator's zone, holidays), the ticket's clock (paused while it waits for the member)
-- and the notices the SLA job leaves for staff.

-- First response and resolution targets, in business minutes. The supervisor edits them (audited).
create table support_sla_policy (
    category               varchar(16)  not null check (category in ('question', 'complaint', 'missing-points', 'account', 'other')),
    priority               varchar(8)   not null check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    first_response_minutes int          not null check (first_response_minutes between 1 and 100000),
    resolution_minutes     int          not null check (resolution_minutes between 1 and 100000),
    updated_at             timestamptz  not null,
    updated_by             varchar(200) not null,
    primary key (category, priority)
);

-- Business hours (1 hour = 60 business minutes). Complaints: the first answer within 3 business hours (seeds/003:
-- a claim is answered within 2–3 hours); urgent cases within one hour whatever they are about.
insert into support_sla_policy (category, priority, first_response_minutes, resolution_minutes, updated_at, updated_by)
select c.category, p.priority, p.first_response, p.resolution, now(), 'migration'
from (values ('question'), ('missing-points'), ('account'), ('other')) c (category),
     (values ('LOW', 16 * 60, 80 * 60), ('NORMAL', 8 * 60, 40 * 60), ('HIGH', 4 * 60, 16 * 60), ('URGENT', 60, 8 * 60))
         p (priority, first_response, resolution);
insert into support_sla_policy (category, priority, first_response_minutes, resolution_minutes, updated_at, updated_by) values
    ('complaint', 'LOW', 3 * 60, 40 * 60, now(), 'migration'),
    ('complaint', 'NORMAL', 3 * 60, 24 * 60, now(), 'migration'),
    ('complaint', 'HIGH', 3 * 60, 16 * 60, now(), 'migration'),
    ('complaint', 'URGENT', 60, 8 * 60, now(), 'migration');

-- Working hours per day of the week (ISO: 1 Monday … 7 Sunday) as minutes after local midnight; a day without a row
-- is a day off. 1440 closes at the end of the day.
create table support_sla_hours (
    weekday      smallint primary key check (weekday between 1 and 7),
    opens_minute smallint not null check (opens_minute between 0 and 1439),
    closes_minute smallint not null check (closes_minute between 1 and 1440),
    check (closes_minute > opens_minute)
);
insert into support_sla_hours (weekday, opens_minute, closes_minute) values
    (1, 540, 1080), (2, 540, 1080), (3, 540, 1080), (4, 540, 1080), (5, 540, 1080);

-- Days off besides the weekly ones: public holidays and the days they move to (the production calendar).
create table support_sla_holiday (
    day  date primary key,
    name varchar(100) not null
);
-- 2026 (Government decree on the transfer of days off in 2026: 3 January moved to 9 January, 4 January to 31 December)
insert into support_sla_holiday (day, name)
select d::date, 'Новогодние каникулы' from generate_series(date '2026-01-01', date '2026-01-09', interval '1 day') d;
insert into support_sla_holiday (day, name) values
    ('2026-02-23', 'День защитника Отечества'),
    ('2026-03-09', 'Международный женский день (перенос с 8 марта)'),
    ('2026-05-01', 'Праздник Весны и Труда'),
    ('2026-05-11', 'День Победы (перенос с 9 мая)'),
    ('2026-06-12', 'День России'),
    ('2026-11-04', 'День народного единства'),
    ('2026-12-31', 'Перенос выходного с 4 января');
-- 2027: the holidays of the Labour Code (art. 112) and their moves to the next working day; the decree moving
-- 2 and 3 January is added here by the supervisor when it is published
insert into support_sla_holiday (day, name)
select d::date, 'Новогодние каникулы' from generate_series(date '2027-01-01', date '2027-01-08', interval '1 day') d;
insert into support_sla_holiday (day, name) values
    ('2027-02-23', 'День защитника Отечества'),
    ('2027-03-08', 'Международный женский день'),
    ('2027-05-03', 'Праздник Весны и Труда (перенос с 1 мая)'),
    ('2027-05-10', 'День Победы (перенос с 9 мая)'),
    ('2027-06-14', 'День России (перенос с 12 июня)'),
    ('2027-11-04', 'День народного единства');

-- The ticket's clock. The targets are taken from the policy when the ticket opens (and again when its priority
-- changes); the due and at-risk (80 %) moments are the opening plus the target plus the business time the clock was
-- stopped (waiting for the member, or solved until reopened).
alter table support_ticket
    add column sla_first_response_minutes int,
    add column sla_resolution_minutes     int,
    add column first_response_risk_at     timestamptz,
    add column resolution_risk_at         timestamptz,
    -- set while the clock is stopped
    add column sla_paused_since           timestamptz,
    add column sla_paused_minutes         bigint not null default 0;
-- what the SLA job looks at: tickets whose clock runs and which are not escalated yet
create index support_ticket_sla_watch on support_ticket (id) where escalated_at is null and state in ('NEW', 'OPEN');

-- What the SLA job tells staff: at risk and breached to the assignee, escalated to the supervisor. Appended once per
-- ticket, kind and recipient; only the moment it was read is set later.
create table support_notice (
    id        bigint generated always as identity primary key,
    -- the staff member (Keycloak subject)
    recipient varchar(64) not null,
    ticket_id bigint      not null references support_ticket (id),
    kind      varchar(12) not null check (kind in ('at-risk', 'breached', 'escalated')),
    at        timestamptz not null,
    read_at   timestamptz,
    constraint support_notice_once unique (ticket_id, kind, recipient)
);
create index support_notice_recipient on support_notice (recipient, id desc);

create function support_notice_only_read() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or old.read_at is not null or new.read_at is null
            or (new.recipient, new.ticket_id, new.kind, new.at) is distinct from (old.recipient, old.ticket_id, old.kind, old.at) then
        raise exception 'support_notice rows are never changed, only marked read once';
    end if;
    return new;
end
$$;
create trigger support_notice_append_only before update or delete on support_notice
    for each row execute function support_notice_only_read();
