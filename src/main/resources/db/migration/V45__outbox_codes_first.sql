-- The dispatcher takes codes and passwords (sensitive) before other due messages, so a member typing a code never
-- waits behind a backlog of notices; the due index follows that order.
drop index outbox_due;
create index outbox_due on outbox_message (sensitive desc, next_attempt_at, id) where status = 'PENDING';
