-- Issue 12 §1, §2: the consent centre. The history (consent) stays append-only; beside it the state in force per member
-- and kind, for the mailings to read fast, the texts the member agreed to per wording version, and the unsubscribes.

-- how a decision came about, e.g. 'unsubscribe:one-click:campaign=123' or 'sms-stop'
alter table consent alter column source type varchar(60);

-- The decision in force per member and kind (the latest history row by recorded_at, then id). A trigger keeps it in the
-- transaction that appends the history row, whoever appends it; no row: the kind's default (service notices: given).
create table consent_state (
    member_id   bigint      not null references member (id),
    kind        varchar(30) not null,
    granted     boolean     not null,
    changed_at  timestamptz not null,
    consent_id  bigint      not null,
    primary key (member_id, kind)
);
-- the mailings ask "which of these members gave this consent"
create index consent_state_kind on consent_state (kind, member_id) where granted;

insert into consent_state (member_id, kind, granted, changed_at, consent_id)
select distinct on (member_id, kind) member_id, kind, granted, recorded_at, id from consent
order by member_id, kind, recorded_at desc, id desc;

create function consent_state_keep() returns trigger language plpgsql as $$
begin
    insert into consent_state (member_id, kind, granted, changed_at, consent_id)
    values (new.member_id, new.kind, new.granted, new.recorded_at, new.id)
    on conflict (member_id, kind) do update
        set granted = excluded.granted, changed_at = excluded.changed_at, consent_id = excluded.consent_id
        where consent_state.changed_at < excluded.changed_at
           or (consent_state.changed_at = excluded.changed_at and consent_state.consent_id < excluded.consent_id);
    return null;
end $$;

create trigger consent_state_keep after insert on consent for each row execute function consent_state_keep();

-- What the member was shown, per wording version, kind and language: the proof of what they agreed to. Rows are never
-- changed: new texts come with a new version (Consent.WORDING_VERSION).
create table consent_wording (
    version   varchar(20) not null,
    kind      varchar(30) not null,
    language  varchar(2)  not null check (language in ('ru', 'en')),
    text      text        not null,
    primary key (version, kind, language)
);

insert into consent_wording (version, kind, language, text) values
('2026-11', 'PERSONAL_DATA', 'ru', 'Я согласен(на) на обработку моих персональных данных оператором программы для участия в программе лояльности'),
('2026-11', 'PERSONAL_DATA', 'en', 'I consent to the program operator processing my personal data for the loyalty program'),
('2026-11', 'MARKETING_EMAIL', 'ru', 'Хочу получать новости и специальные предложения по e-mail'),
('2026-11', 'MARKETING_EMAIL', 'en', 'Send me news and special offers by e-mail'),
('2026-11', 'MARKETING_SMS', 'ru', 'Хочу получать специальные предложения по SMS'),
('2026-11', 'MARKETING_SMS', 'en', 'Send me special offers by SMS'),
('2026-11', 'PARTNER_OFFERS_EMAIL', 'ru', 'Предложения партнёров программы по e-mail'),
('2026-11', 'PARTNER_OFFERS_EMAIL', 'en', 'Offers of the program''s partners by e-mail'),
('2026-11', 'PARTNER_OFFERS_SMS', 'ru', 'Предложения партнёров программы по SMS'),
('2026-11', 'PARTNER_OFFERS_SMS', 'en', 'Offers of the program''s partners by SMS'),
('2026-11', 'SERVICE_EMAIL', 'ru', 'Уведомления о моём счёте по e-mail: предложения для меня, сгорание баллов, поздравления, оценка обращений'),
('2026-11', 'SERVICE_EMAIL', 'en', 'Notices about my account by e-mail: offers made for me, points about to lapse, greetings, ticket surveys'),
('2026-11', 'SERVICE_SMS', 'ru', 'Уведомления о моём счёте по SMS: предложения для меня, сгорание баллов, поздравления'),
('2026-11', 'SERVICE_SMS', 'en', 'Notices about my account by SMS: offers made for me, points about to lapse, greetings');

-- Every unsubscribe, by link, page, mail or SMS STOP: the campaign's figures count them (Unsubscribes.countByCampaign).
create table mailing_unsubscribe (
    id           bigint generated always as identity primary key,
    -- null: not from a campaign (an SMS STOP)
    campaign_id  bigint,
    member_id    bigint      not null references member (id),
    kind         varchar(30) not null,
    source       varchar(20) not null check (source in ('one-click', 'page', 'mailto', 'sms-stop')),
    at           timestamptz not null
);
create index mailing_unsubscribe_campaign on mailing_unsubscribe (campaign_id) where campaign_id is not null;
