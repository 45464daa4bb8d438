-- The support desk's tools (issue 11 §4, §5): canned answers, what a missing-points claim or a complaint is about and
-- how it ended, the ledger adjustments posted for a ticket, and duplicates merged into another ticket.

-- Canned answers. Placeholders {{member.name}}, {{ticket.number}}, {{agent.name}} are filled when an agent uses one.
create table support_macro (
    id         bigint generated always as identity primary key,
    title      varchar(100)   not null,
    body       varchar(10000) not null,
    -- the category it is meant for; null: any
    category   varchar(16) check (category in ('question', 'complaint', 'missing-points', 'account', 'other')),
    active     boolean        not null default true,
    updated_by varchar(200)   not null,
    updated_at timestamptz    not null,
    constraint support_macro_title_unique unique (title)
);

insert into support_macro (title, body, category, updated_by, updated_at) values
('Приветствие', 'Здравствуйте, {{member.name}}!

Спасибо, что написали нам. Мы разбираемся с обращением {{ticket.number}} и скоро ответим.

{{agent.name}}, служба поддержки', null, 'system', now()),
('Запрос у партнёра', 'Здравствуйте, {{member.name}}!

Мы запросили у партнёра данные о вашей покупке. Обычно партнёр отвечает в течение двух рабочих дней — мы сообщим вам результат.

{{agent.name}}, служба поддержки', 'missing-points', 'system', now()),
('Баллы начислены', 'Здравствуйте, {{member.name}}!

Мы проверили покупку и начислили баллы вручную. Они уже видны в личном кабинете в истории операций (обращение {{ticket.number}}).

{{agent.name}}, служба поддержки', 'missing-points', 'system', now()),
('Отказ: покупка не найдена', 'Здравствуйте, {{member.name}}!

К сожалению, мы не нашли эту покупку у партнёра: по указанным дате и сумме чека нет. Если у вас сохранился чек, пришлите, пожалуйста, его фото в ответ на это письмо — мы проверим ещё раз.

{{agent.name}}, служба поддержки', 'missing-points', 'system', now()),
('Рекламация принята', 'Здравствуйте, {{member.name}}!

Мы приняли вашу рекламацию {{ticket.number}} и передали её партнёру. Мы ответим вам в течение трёх рабочих часов.

{{agent.name}}, служба поддержки', 'complaint', 'system', now());

alter table support_ticket
    -- a missing-points claim names the receipt, or the purchase's date and amount
    add column purchase_date   date,
    add column purchase_amount numeric(12, 2) check (purchase_amount > 0),
    -- a complaint may concern an order (a catalog order, a delivery)
    add column order_ref       varchar(64),
    -- how a complaint or a claim ended, for the quality report
    add column outcome         varchar(12) check (outcome in ('upheld', 'partly', 'rejected', 'compensated')),
    -- a duplicate closed into another ticket
    add column merged_into     bigint references support_ticket (id);

-- The ledger adjustments posted for a ticket. The ledger entry points back: source_type 'support-ticket', source_id.
create table support_adjustment (
    id         bigint generated always as identity primary key,
    ticket_id  bigint       not null references support_ticket (id),
    wallet     varchar(64)  not null,
    points     bigint       not null check (points <> 0),
    reason     varchar(300) not null,
    agent      varchar(200) not null,
    at         timestamptz  not null
);
create index support_adjustment_ticket on support_adjustment (ticket_id, id);
create index support_ticket_routed on support_ticket (routed_partner_id, id desc) where routed_partner_id is not null;
create index support_ticket_partner on support_ticket (partner_id, id desc) where partner_id is not null;

create trigger support_adjustment_append_only before update or delete on support_adjustment
    for each row execute function support_append_only();
