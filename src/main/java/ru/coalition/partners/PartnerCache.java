package ru.coalition.partners;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Partners and their program versions as the hot paths read them (every till request names its partner and the
 * program in force), kept in memory so a purchase does not read them from the database. Every change to the two
 * tables, on any replica or by hand, is announced by PostgreSQL at commit (V6__fast_purchase_path.sql) and drops the
 * whole cache ({@link ConfigListener}); while the listener is not connected nothing is kept, so a replica never serves
 * from a cache it cannot invalidate.
 */
@jakarta.enterprise.context.ApplicationScoped
public class PartnerCache {

    /** A program version as the engine reads it; versions in force never change, so the parsed form is final. */
    public record Program(long versionId, LocalDate effectiveFrom, ProgramDefinition definition) {
    }

    /** A partner with its versions, newest first. */
    record Entry(Partner partner, List<Program> versions) {
        Optional<Program> inForce(LocalDate day) {
            return versions.stream().filter(v -> !v.effectiveFrom().isAfter(day)).findFirst();
        }
    }

    private final Map<String, Entry> bySlug = new ConcurrentHashMap<>();
    /** A partner's slug by its id; both are fixed for life (partners are never deleted, slugs never change). */
    private final Map<Long, String> slugById = new ConcurrentHashMap<>();
    private long generation;
    private boolean listening;

    /** The cached entry, or a fresh one read by {@code load} (kept only if nothing changed meanwhile). */
    Optional<Entry> get(String slug, Function<String, Optional<Entry>> load) {
        Entry cached = bySlug.get(slug);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = generation();
        Optional<Entry> loaded = load.apply(slug);
        loaded.ifPresent(e -> store(slug, e, seen));
        return loaded;
    }

    /** The slug of a partner whose entry was cached once, or null. */
    String slugOf(long id) {
        return slugById.get(id);
    }

    /** Drops everything; called on every announcement and whenever the listener (re)connects or loses its connection. */
    public synchronized void invalidate() {
        generation++;
        bySlug.clear();
    }

    synchronized void listening(boolean on) {
        listening = on;
        invalidate();
    }

    synchronized boolean listening() {
        return listening;
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void store(String slug, Entry e, long seen) {
        // a change announced while we read would otherwise be overwritten by what we read before it
        if (listening && generation == seen) {
            bySlug.put(slug, e);
            slugById.put(e.partner().id, slug);
        }
    }

    /** A detached copy: the cached partner is shared between threads and must never be a managed entity. */
    static Partner copyOf(Partner p) {
        Partner c = new Partner();
        c.id = p.id;
        c.slug = p.slug;
        c.name = p.name;
        c.legalName = p.legalName;
        c.city = p.city;
        c.timeZone = p.timeZone;
        c.walletScope = p.walletScope;
        c.status = p.status;
        c.statusReason = p.statusReason;
        c.statusChangedAt = p.statusChangedAt;
        c.source = p.source;
        c.sourceChecksum = p.sourceChecksum;
        c.createdAt = p.createdAt;
        c.updatedAt = p.updatedAt;
        c.ratePerPoint = p.ratePerPoint;
        return c;
    }

    static List<Program> newestFirst(List<Program> versions) {
        return versions.stream().sorted(Comparator.comparing(Program::effectiveFrom).reversed()).toList();
    }
}
