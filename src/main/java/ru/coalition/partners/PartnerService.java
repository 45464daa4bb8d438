package ru.coalition.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.audit.AuditLog;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Partners (tenants) and their program versions. */
@ApplicationScoped
public class PartnerService {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** Why a program version is refused, so each page can say it in its own language. */
    public enum Refusal { WALLET_SCOPE, IN_FORCE, IN_THE_PAST }

    /** Refused for a reason tied to a line of the file; the message is for logs and the operator's file report. */
    public static final class Refused extends RuntimeException {
        public final int line;
        public final Refusal refusal;
        public final java.time.LocalDate effectiveFrom;

        Refused(int line, Refusal refusal, java.time.LocalDate effectiveFrom, String reason) {
            super(reason);
            this.line = line;
            this.refusal = refusal;
            this.effectiveFrom = effectiveFrom;
        }
    }

    public record NewPartner(String slug, String name, String legalName, String city, String timeZone,
                             WalletScope walletScope) {
    }

    @Inject
    jakarta.enterprise.event.Event<TenantApplied> applied;

    @Inject
    CoalitionConfig config;

    @Inject
    EntityManager em;

    private final Map<String, ProgramDefinition> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    PartnerScope scope;

    @Inject
    PartnerCache cache;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /**
     * This replica drops its cache as soon as its own change commits; the others (and this one again) hear of it
     * through {@link ConfigListener} a moment later.
     */
    private void invalidateAfterCommit() {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidate();
            }
        });
    }

    public Optional<Partner> findBySlug(String slug) {
        return Partner.find("slug", slug).firstResultOptional();
    }

    /**
     * The partner as the hot paths see it, from {@link PartnerCache}: a detached copy, never to be changed or
     * persisted (the console and loader read the entity with {@link #findBySlug}).
     */
    public Optional<Partner> cachedBySlug(String slug) {
        return cache.get(slug, this::loadEntry).map(PartnerCache.Entry::partner);
    }

    /** {@link #cachedBySlug} by the partner's id: after the first time, no statement at all. */
    public Optional<Partner> cachedById(long id) {
        String slug = cache.slugOf(id);
        return slug != null ? cachedBySlug(slug) : findById(id).flatMap(p -> cachedBySlug(p.slug));
    }

    private Optional<PartnerCache.Entry> loadEntry(String slug) {
        return findBySlug(slug).map(p -> new PartnerCache.Entry(PartnerCache.copyOf(p), PartnerCache.newestFirst(
                ProgramVersion.<ProgramVersion>list("partnerId", p.id).stream()
                        .map(v -> new PartnerCache.Program(v.id, v.effectiveFrom, definitionOf(v))).toList())));
    }

    public List<Partner> list() {
        return Partner.list("order by name");
    }

    /** The program version in force on the partner's local date, if any. */
    public Optional<ProgramVersion> programInForce(Partner partner, LocalDate localDate) {
        return ProgramVersion.find("partnerId = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc", partner.id, localDate)
                .firstResultOptional();
    }

    public Optional<ProgramDefinition> currentProgram(Partner partner) {
        return programInForce(partner, today(partner)).map(v -> readDefinition(v.definition));
    }

    public List<ProgramVersion> versions(Partner partner) {
        return ProgramVersion.list("partnerId = ?1 order by effectiveFrom desc", partner.id);
    }

    public LocalDate today(Partner partner) {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(partner.timeZone));
    }

    /**
     * Applies a parsed tenant file in one transaction: the partner's details and its program version. Reloading the
     * same file changes nothing. A version already in force is never rewritten: a changed program needs a new
     * effectiveFrom.
     */
    @Transactional
    public Outcome apply(TenantFileParser.Parsed parsed) {
        // replicas starting together load the same files: one at a time
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('coalition-tenant-loader'))").getSingleResult();
        TenantFile f = parsed.file();
        Instant now = clock.instant();
        Partner p = findBySlug(f.slug()).orElse(null);
        if (p != null && parsed.checksum().equals(p.sourceChecksum)) {
            return Outcome.UNCHANGED;
        }
        invalidateAfterCommit();
        Outcome outcome = p == null ? Outcome.CREATED : Outcome.UPDATED;
        if (p == null) {
            p = new Partner();
            p.slug = f.slug();
            p.createdAt = now;
        }
        p.name = f.name();
        p.legalName = f.legalName();
        p.city = f.city();
        p.timeZone = f.timeZone() == null ? config.operatorZone() : f.timeZone();
        p.ratePerPoint = f.clearing() == null ? null : f.clearing().ratePerPoint();
        if (p.walletScope == null) {
            p.walletScope = f.program().wallet();
        } else {
            checkScope(p, f.program(), parsed.walletLine());
        }
        p.source = Partner.Source.FILE;
        p.sourceChecksum = parsed.checksum();
        p.updatedAt = now;
        p.persist();
        putVersion(p, f.program().effectiveFrom(), parsed.programJson(), parsed.programChecksum(), parsed.effectiveFromLine());
        applied.fire(new TenantApplied(p, f));
        return outcome;
    }

    /**
     * A new program version from the portal's editor, checked like a tenant file: effective today or later, and a
     * version already in force is never rewritten. Returns the refusal, or null when saved.
     */
    @Transactional
    public Refused addVersion(Partner partner, TenantFileParser.Parsed parsed) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('coalition-tenant-loader'))").getSingleResult();
        scope.enter(partner);
        invalidateAfterCommit();
        try {
            checkScope(partner, parsed.file().program(), parsed.walletLine());
            putVersion(partner, parsed.file().program().effectiveFrom(), parsed.programJson(), parsed.programChecksum(), 0);
        } catch (Refused e) {
            return e;
        }
        audit.record("program.version", partner.id, "program", parsed.file().program().effectiveFrom().toString(),
                Map.of("name", parsed.file().program().name()));
        return null;
    }

    /**
     * Where a partner's points live decides who may read and spend which balances; the operator sets it at
     * onboarding, so no program version (file or portal) may change it.
     */
    private static void checkScope(Partner p, ProgramDefinition program, int line) {
        if (program.wallet() != p.walletScope) {
            throw new Refused(line, Refusal.WALLET_SCOPE, program.effectiveFrom(), "the wallet scope of " + p.slug + " is " + p.walletScope.fileName()
                    + ", set by the operator at onboarding; a program version cannot change it to " + program.wallet().fileName());
        }
    }

    private void putVersion(Partner p, LocalDate effectiveFrom, String json, String checksum, int line) {
        ProgramVersion same = ProgramVersion.find("partnerId = ?1 and effectiveFrom = ?2", p.id, effectiveFrom).firstResult();
        if (same != null) {
            if (same.checksum.equals(checksum)) {
                return;
            }
            if (!effectiveFrom.isAfter(today(p))) {
                throw new Refused(line, Refusal.IN_FORCE, effectiveFrom, "the program version of " + effectiveFrom + " is already in force and cannot change;"
                        + " give the changed program a new effectiveFrom (today or later)");
            }
            same.definition = json;
            same.checksum = checksum;
            return;
        }
        boolean hasVersions = ProgramVersion.count("partnerId", p.id) > 0;
        if (hasVersions && effectiveFrom.isBefore(today(p))) {
            throw new Refused(line, Refusal.IN_THE_PAST, effectiveFrom, "a new program version cannot take effect in the past (" + effectiveFrom
                    + "): purchases already made keep the rules they were made under");
        }
        ProgramVersion v = new ProgramVersion();
        v.partnerId = p.id;
        v.effectiveFrom = effectiveFrom;
        v.definition = json;
        v.checksum = checksum;
        v.createdAt = clock.instant();
        v.persist();
    }

    @Transactional
    public Partner create(NewPartner n) {
        if (findBySlug(n.slug()).isPresent()) {
            throw new ProblemException(ErrorCode.PARTNER_DUPLICATE, n.slug());
        }
        invalidateAfterCommit();
        Partner p = new Partner();
        p.slug = n.slug();
        p.name = n.name();
        p.legalName = n.legalName();
        p.city = n.city();
        p.timeZone = n.timeZone();
        p.walletScope = n.walletScope();
        p.source = Partner.Source.CONSOLE;
        p.createdAt = clock.instant();
        p.updatedAt = p.createdAt;
        p.persist();
        audit.record("partner.create", p.id, "partner", p.slug, Map.of("name", p.name, "wallet", p.walletScope.name()));
        return p;
    }

    @Transactional
    public Partner setStatus(String slug, Partner.Status status, String reason) {
        Partner p = findBySlug(slug).orElseThrow(() -> new ProblemException(ErrorCode.PARTNER_NOT_FOUND, slug));
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        if (status == Partner.Status.SUSPENDED && (why == null || why.length() < 5 || why.length() > 300)) {
            // a suspension stops a partner's tills: the operator says why, and the partner list shows it
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("reason", null)));
        }
        if (p.status != status) {
            invalidateAfterCommit();
            p.status = status;
            p.updatedAt = clock.instant();
            p.statusReason = status == Partner.Status.SUSPENDED ? why : null;
            p.statusChangedAt = p.updatedAt;
            audit.record(status == Partner.Status.SUSPENDED ? "partner.suspend" : "partner.activate", p.id, "partner", slug,
                    reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason));
        }
        return p;
    }

    /** The parsed program of a version; versions in force never change, so parsing is cached by checksum. */
    public ProgramDefinition definitionOf(ProgramVersion version) {
        return parsed.computeIfAbsent(version.checksum, c -> readDefinition(version.definition));
    }

    /** The version in force at a moment, by the partner's local date then (from the cache). */
    public Optional<PartnerCache.Program> programAt(Partner partner, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneId.of(partner.timeZone));
        return cache.get(partner.slug, this::loadEntry).flatMap(e -> e.inForce(day));
    }

    public ProgramVersion versionById(long id) {
        return ProgramVersion.<ProgramVersion>findByIdOptional(id).orElseThrow();
    }

    public Optional<Partner> findById(long id) {
        return Partner.findByIdOptional(id);
    }

    /** A program section as stored (program_version.definition, a back-test's draft) read back. */
    public static ProgramDefinition readDefinition(String json) {
        try {
            return TenantFileParser.JSON.readValue(json, ProgramDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored program does not read back", e);
        }
    }
}
