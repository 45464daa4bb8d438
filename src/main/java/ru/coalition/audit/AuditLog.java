package ru.coalition.audit;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
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

    /** What the audit log is narrowed to; null parts do not narrow. The period is of whole days, both ends included. */
    public record Filter(String actor, String action, Long partnerId, Instant from, Instant until) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** One page of the log, newest first. */
    public record Page(List<AuditEntry> entries, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** Every action code the product writes, for the filter's choice (the page names each in words). */
    public static final List<String> ACTIONS = List.of("partner.create", "partner.suspend", "partner.activate",
            "program.version", "ledger.adjust", "offer.collect", "staff.invite", "staff.remove",
            "scratch.order", "scratch.export", "scratch.activate", "scratch.cancel",
            "catalog.save", "catalog.withdraw", "catalog.restore", "voucher.redeem",
            "sla.policy", "sla.hours", "sla.holiday.add", "sla.holiday.remove", "consent.export");

    public Page search(Filter f, int page, int size) {
        int limit = Math.max(1, Math.min(size, PAGE_LIMIT));
        int first = Math.max(0, page);
        Query q = query(f);
        List<AuditEntry> entries = AuditEntry.find(q.where + " order by at desc, id desc", q.params).page(first, limit).list();
        return new Page(entries, AuditEntry.count(q.where, q.params), first, limit);
    }

    /** The whole filtered log for a download, newest first, at most {@code max} rows. */
    public List<AuditEntry> export(Filter f, int max) {
        Query q = query(f);
        return AuditEntry.find(q.where + " order by at desc, id desc", q.params).range(0, max - 1).list();
    }

    private record Query(String where, Map<String, Object> params) {
    }

    private static Query query(Filter f) {
        List<String> where = new java.util.ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (f.actor() != null) {
            // a part of the login is enough: "kit-media" finds the partner's staff and its till
            where.add("lower(actor) like :actor");
            params.put("actor", "%" + f.actor().toLowerCase(Locale.ROOT).replaceAll("[%_\\\\]", "") + "%");
        }
        if (f.action() != null) {
            where.add("action = :action");
            params.put("action", f.action());
        }
        if (f.partnerId() != null) {
            where.add("partnerId = :partner");
            params.put("partner", f.partnerId());
        }
        if (f.from() != null) {
            where.add("at >= :from");
            params.put("from", f.from());
        }
        if (f.until() != null) {
            where.add("at < :until");
            params.put("until", f.until());
        }
        return new Query(where.isEmpty() ? "1 = 1" : String.join(" and ", where), params);
    }

    public List<AuditEntry> latest(int limit) {
        return AuditEntry.find("order by at desc, id desc").page(0, Math.min(limit, PAGE_LIMIT)).list();
    }
}
