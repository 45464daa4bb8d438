-- Issue 13 §4, the rule back-test: a draft program version run over a partner's receipts of a past period, in the
-- background (ru.coalition.analytics.RuleBacktests). A row is the job: the draft as typed (program JSON), the period of
-- partner-local days, the progress, and once done the figures (result, JSON) beside what the versions in force did.
create table rule_backtest (
    id            bigint generated always as identity primary key,
    public_id     uuid         not null,
    partner_id    bigint       not null references partner (id),
    requested_by  varchar(200),
    status        varchar(10)  not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    period_from   date         not null,
    period_to     date         not null,
    program       text         not null,
    steps_done    int          not null default 0,
    steps_total   int          not null default 0,
    started_at    timestamptz  not null,
    heartbeat_at  timestamptz  not null,
    finished_at   timestamptz,
    result        jsonb,
    error         varchar(500),
    constraint rule_backtest_public unique (partner_id, public_id)
);
create index rule_backtest_partner_started on rule_backtest (partner_id, started_at);
alter table rule_backtest enable row level security;
create policy partner_rows on rule_backtest to coalition_partner
    using (partner_id = app_partner()) with check (partner_id = app_partner());
