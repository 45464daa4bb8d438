-- Issue 9 §3: the member controls their profile.

-- An erased member (152-FZ deletion) keeps the row, so the ledger's entries keep their wallet and member, but no
-- personal field: names, phone, birth date, city, the questionnaire answers and the referral code become null. A member
-- in force still has every field the questionnaire requires.
alter table member alter column phone drop not null;
alter table member alter column last_name drop not null;
alter table member alter column first_name drop not null;
alter table member alter column birth_date drop not null;
alter table member alter column gender drop not null;
alter table member alter column city drop not null;
alter table member alter column social_status drop not null;
alter table member alter column income_bracket drop not null;
alter table member alter column referral_code drop not null;
alter table member add column deleted_at timestamptz;
alter table member add constraint member_status_known check (status in ('ACTIVE', 'DELETED'));
alter table member add constraint member_complete_unless_deleted check (
    status = 'DELETED'
    or (phone is not null and last_name is not null and first_name is not null and birth_date is not null
        and gender is not null and city is not null and social_status is not null and income_bracket is not null
        and referral_code is not null and deleted_at is null));
alter table member add constraint member_deleted_is_empty check (
    status <> 'DELETED'
    or (phone is null and email is null and last_name is null and first_name is null and middle_name is null
        and birth_date is null and gender is null and city is null and social_status is null
        and income_bracket is null and referral_code is null and keycloak_id is null and deleted_at is not null));

-- The partner-offer consents of API-CONTRACT.md ("partnerOffersEmail", "partnerOffersSms") beside the operator's own.
alter table consent drop constraint consent_kind_check;
alter table consent add constraint consent_kind_check check (kind in ('PERSONAL_DATA', 'MARKETING_EMAIL', 'MARKETING_SMS',
                                                                      'PARTNER_OFFERS_EMAIL', 'PARTNER_OFFERS_SMS'));

-- A new phone or e-mail waiting for its confirmation code. The old address stays in force until then. Only the code's
-- salted SHA-256 is kept; a code is used once, expires, and a member has at most one open change per channel.
create table contact_change (
    id          bigint generated always as identity primary key,
    member_id   bigint       not null references member (id),
    channel     varchar(10)  not null check (channel in ('PHONE', 'EMAIL')),
    new_value   varchar(254) not null,
    code_salt   varchar(32)  not null,
    code_hash   varchar(64)  not null,
    attempts    int          not null default 0,
    status      varchar(12)  not null default 'OPEN' check (status in ('OPEN', 'CONFIRMED', 'CANCELLED', 'FAILED')),
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    closed_at   timestamptz
);
create unique index contact_change_one_open on contact_change (member_id, channel) where status = 'OPEN';
