-- The support desk's service-level marks on a ticket (issue 11 §3). The SLA job sets them; the dashboard reads them.
-- Due times are business-hours targets turned into instants (they move while the clock is paused for the member).
alter table support_ticket
    add column first_response_due_at timestamptz,
    add column resolution_due_at     timestamptz,
    -- set once, when 80 % of a target's business time is used
    add column at_risk_at            timestamptz,
    -- set once, when a target is missed; a ticket with breached_at null met its SLA
    add column breached_at           timestamptz,
    -- set once, when the breach was handed to the supervisor
    add column escalated_at          timestamptz;
