package ru.coalition.audit;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Records staff actions in the caller's transaction, so an action and its audit row commit together. */
@ApplicationScoped
public class AuditLog {

    public static final int PAGE_LIMIT = 200;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, Long partnerId, String targetType, String targetId, Map<String, Object> details) {
        AuditEntry e = new AuditEntry();
        e.at = clock.instant();
        boolean inRequest = Arc.container().requestContext().isActive();
        e.actor = !inRequest || identity.isAnonymous() ? "system" : identity.getPrincipal().getName();
        e.actorRoles = inRequest ? String.join(",", new TreeSet<>(identity.getRoles())) : "";
        e.partnerId = partnerId;
        e.action = action;
        e.targetType = targetType;
        e.targetId = targetId;
        e.details = details;
        e.persist();
    }

    public List<AuditEntry> latest(int limit) {
        return AuditEntry.find("order by at desc, id desc").page(0, Math.min(limit, PAGE_LIMIT)).list();
    }
}
