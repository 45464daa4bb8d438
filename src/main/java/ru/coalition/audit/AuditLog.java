package ru.coalition.audit;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        e.details = masked(details);
        e.persist();
    }

    /**
     * A gift card code is a bearer instrument: whoever reads it can spend the card, and the audit log is read by all
     * operator staff. Every detail named like a gift card code is kept only as its last four characters.
     */
    static Map<String, Object> masked(Map<String, Object> details) {
        if (details == null || details.keySet().stream().noneMatch(AuditLog::isGiftCardKey)) {
            return details;
        }
        Map<String, Object> copy = new LinkedHashMap<>(details);
        copy.replaceAll((k, v) -> isGiftCardKey(k) && v != null ? maskGiftCard(v.toString()) : v);
        return copy;
    }

    private static boolean isGiftCardKey(String key) {
        return key.toLowerCase(Locale.ROOT).startsWith("giftcard");
    }

    /** "GC-7K3M-AB12" becomes "GC-****-AB12": the prefix and separators stay, all but the last four characters go. */
    public static String maskGiftCard(String code) {
        int keepFrom = code.length() - 4;
        int prefix = code.startsWith("GC-") ? 3 : 0;
        StringBuilder out = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            out.append(i < prefix || i >= keepFrom || c == '-' ? c : '*');
        }
        return out.toString();
    }

    public List<AuditEntry> latest(int limit) {
        return AuditEntry.find("order by at desc, id desc").page(0, Math.min(limit, PAGE_LIMIT)).list();
    }
}
