-- A sender claims the due rows of a campaign "order by next_attempt_at, member_id limit n". The queue index had only
-- next_attempt_at, which is the same for every row of a campaign that has just started: each claim sorted the whole
-- remaining queue to take its 50 rows, so a send of 100 000 went at ~500 mails/s at the start and sped up only as the
-- queue drained (docs/benchmarks.md). With member_id in the index the claim reads its rows in order and stops.
drop index campaign_recipient_queued;
create index campaign_recipient_queued on campaign_recipient (campaign_id, next_attempt_at, member_id) where status = 'QUEUED';
