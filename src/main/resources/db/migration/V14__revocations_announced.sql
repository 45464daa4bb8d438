-- Replicas keep, per person, that their access was not revoked (ru.coalition.identity.RevokedSessions), so a signed-in
-- request does not read revoked_subject each time. A revocation ends what every replica kept: it is announced at
-- commit on the channel the partner cache listens to (V6), with payload 'revoked'.
create function notify_revoked_subject() returns trigger language plpgsql as $$
begin
    perform pg_notify('coalition_config', 'revoked');
    return null;
end
$$;

create trigger revoked_subject_announced after insert or update or delete on revoked_subject
    for each statement execute function notify_revoked_subject();
