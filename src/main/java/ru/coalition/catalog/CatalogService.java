package ru.coalition.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.audit.AuditLog;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's rewards catalog: rewards kept by operator staff, shown to everyone, and weighed for one member
 * (what their active coalition balance and limits allow). Ordering is {@link CatalogOrders}; vouchers {@link Vouchers}.
 */
@ApplicationScoped
@Transactional
public class CatalogService {

    public static final int DEFAULT_VALIDITY_DAYS = 30;
    public static final int PICTURE_MAX_BYTES = 512 * 1024;
    /** Rewards in the catalog at most: one page lists them all, so the list has a bound. */
    public static final int LIST_LIMIT = 500;

    /** A reward as the operator writes it (the console's form and the operator API alike). */
    @Schema(name = "CatalogRewardDraft")
    public record Draft(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 120, message = "{coalition.field.too-long}") String titleRu,
            @NotBlank(message = "{coalition.field.required}") @Size(max = 120, message = "{coalition.field.too-long}") String titleEn,
            @Size(max = 2000, message = "{coalition.field.too-long}") String descriptionRu,
            @Size(max = 2000, message = "{coalition.field.too-long}") String descriptionEn,
            @Schema(description = "Coalition points a member pays") @NotNull(message = "{coalition.field.required}")
            @Min(value = 1, message = "{coalition.field.catalog-cost}") @Max(value = 1_000_000, message = "{coalition.field.catalog-cost}") Long cost,
            @Schema(description = "Slug of the partner that honours the reward") @NotBlank(message = "{coalition.field.required}") String partner,
            @Schema(description = "How many can still be ordered; null for unlimited")
            @Min(value = 0, message = "{coalition.field.catalog-count}") @Max(value = 1_000_000, message = "{coalition.field.catalog-count}") Integer stockLeft,
            @Schema(description = "Vouchers of this reward one member may hold; null for no limit")
            @Min(value = 1, message = "{coalition.field.catalog-count}") @Max(value = 1000, message = "{coalition.field.catalog-count}") Integer perMemberLimit,
            @Schema(description = "First day it can be ordered (operator's zone); null: at once") LocalDate activeFrom,
            @Schema(description = "Last day it can be ordered; null: open-ended") LocalDate activeUntil,
            @Schema(description = "Days a voucher stays valid; 30 when omitted")
            @Min(value = 1, message = "{coalition.field.catalog-validity}") @Max(value = 365, message = "{coalition.field.catalog-validity}") Integer validityDays) {
    }

    /** A reward as everyone sees it (the public catalog). */
    @Schema(name = "CatalogItem")
    public record Item(UUID rewardId, String title, long cost, @Schema(description = "Slug of the honouring partner") String partner,
                       @Schema(description = "Can be ordered now (in stock); whether a given member can is their own matter") boolean available,
                       String partnerName, String description, @Schema(description = "Null when the reward has no picture") String pictureUrl,
                       @Schema(description = "Null: unlimited") Integer stockLeft, @Schema(description = "Null: no limit") Integer perMemberLimit,
                       LocalDate activeFrom, LocalDate activeUntil, int validityDays) {
    }

    /** Why a member cannot order a reward now: null when they can. */
    public enum Refusal { OUT_OF_STOCK, LIMIT_REACHED, INSUFFICIENT_POINTS }

    /** A reward weighed for one member. */
    public record Choice(Item item, Refusal refusal, long held) {
        public boolean orderable() {
            return refusal == null;
        }
    }

    public record Picture(String contentType, byte[] bytes, String etag) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CoalitionConfig config;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    @Inject
    AuditLog audit;

    /** The operator's calendar day: reward periods are the operator's days. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(config.operatorZone()));
    }

    public Optional<CatalogReward> byPublicId(UUID rewardId) {
        return CatalogReward.find("publicId", rewardId).firstResultOptional();
    }

    /** Every reward, withdrawn ones too, newest first: the operator's list. */
    public List<CatalogReward> all() {
        return CatalogReward.find("order by id desc").page(0, LIST_LIMIT).list();
    }

    /** What can be ordered today by someone (withdrawn and out-of-period rewards are not shown at all). */
    public List<Item> shown(Locale locale) {
        LocalDate today = today();
        Map<Long, Partner> byId = partnersById();
        Map<Long, String> pictures = pictureVersions();
        return CatalogReward.<CatalogReward>find("active = true order by cost, id").page(0, LIST_LIMIT).list().stream()
                .filter(r -> r.orderableOn(today))
                .map(r -> item(r, byId.get(r.partnerId), pictures.get(r.id), locale)).toList();
    }

    /**
     * The catalog as one member sees it: each reward with the reason it cannot be ordered now, if any (first the
     * stock, then the member's limit, then their active coalition balance).
     */
    public List<Choice> forMember(long memberId, Locale locale) {
        long spendable = ledger.balanceOf(memberId, null).active();
        Map<Long, Long> held = held(memberId);
        return shown(locale).stream().map(item -> {
            CatalogReward r = byPublicId(item.rewardId()).orElseThrow();
            long mine = held.getOrDefault(r.id, 0L);
            Refusal refusal = !item.available() ? Refusal.OUT_OF_STOCK
                    : r.perMemberLimit != null && mine >= r.perMemberLimit ? Refusal.LIMIT_REACHED
                    : spendable < r.cost ? Refusal.INSUFFICIENT_POINTS : null;
            return new Choice(item, refusal, mine);
        }).toList();
    }

    /** The member's vouchers per reward that count against its limit (issued or redeemed: an expired one gave its points back). */
    private Map<Long, Long> held(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select reward_id, count(*) from voucher where member_id = :m"
                + " and state <> 'EXPIRED' group by reward_id").setParameter("m", memberId).getResultList();
        return rows.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(), r -> ((Number) r[1]).longValue()));
    }

    public Item item(CatalogReward r, Locale locale) {
        return item(r, partners.findById(r.partnerId).orElseThrow(), pictureVersions().get(r.id), locale);
    }

    private Item item(CatalogReward r, Partner p, String pictureVersion, Locale locale) {
        return new Item(r.publicId, r.title(locale), r.cost, p.slug, r.inStock(), p.name, r.description(locale),
                pictureVersion == null ? null : pictureUrl(r.publicId, pictureVersion), r.stockLeft, r.perMemberLimit,
                r.activeFrom, r.activeUntil, r.validityDays);
    }

    /** The picture's address carries its hash: a new picture is a new address, so the old one may be cached for long. */
    static String pictureUrl(UUID rewardId, String version) {
        return "/catalog/pictures/" + rewardId + "?v=" + version;
    }

    public String pictureUrlOf(CatalogReward r) {
        String version = pictureVersions().get(r.id);
        return version == null ? null : pictureUrl(r.publicId, version);
    }

    private Map<Long, String> pictureVersions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select reward_id, left(sha256, 12) from catalog_picture").getResultList();
        return rows.stream().collect(Collectors.toMap(r -> ((Number) r[0]).longValue(), r -> (String) r[1]));
    }

    public Map<Long, Partner> partnersById() {
        return partners.list().stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    // ---- the operator's upkeep ----

    /** Creates a reward; the draft must have passed Bean Validation. */
    public CatalogReward create(Draft d) {
        CatalogReward r = new CatalogReward();
        r.publicId = UUID.randomUUID();
        r.createdAt = clock.instant();
        r.active = true;
        apply(r, d);
        r.persist();
        audit.record("catalog.save", r.partnerId, "catalog-reward", r.publicId.toString(), details(r));
        return r;
    }

    public CatalogReward update(UUID rewardId, Draft d) {
        CatalogReward r = lockedOrNotFound(rewardId);
        apply(r, d);
        audit.record("catalog.save", r.partnerId, "catalog-reward", r.publicId.toString(), details(r));
        return r;
    }

    /** Withdrawn from the catalog (or put back): vouchers already issued stay valid either way. */
    public CatalogReward setActive(UUID rewardId, boolean active) {
        CatalogReward r = lockedOrNotFound(rewardId);
        r.active = active;
        r.updatedAt = clock.instant();
        audit.record(active ? "catalog.restore" : "catalog.withdraw", r.partnerId, "catalog-reward", r.publicId.toString(), details(r));
        return r;
    }

    /**
     * Stores a picture after checking what the bytes are (the name and the declared type are the uploader's word):
     * PNG, JPEG or WebP, at most {@link #PICTURE_MAX_BYTES}. SVG is refused: it can carry script.
     */
    public void setPicture(UUID rewardId, byte[] bytes) {
        String type = pictureType(bytes).orElseThrow(() -> new ProblemException(ErrorCode.CATALOG_PICTURE_INVALID,
                List.of(new Problem.FieldError("picture", null)), PICTURE_MAX_BYTES / 1024));
        CatalogReward r = lockedOrNotFound(rewardId);
        em.createNativeQuery("insert into catalog_picture (reward_id, content_type, bytes, sha256, uploaded_at) values (:r, :t, :b, :h, :now)"
                        + " on conflict (reward_id) do update set content_type = excluded.content_type, bytes = excluded.bytes,"
                        + " sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at")
                .setParameter("r", r.id).setParameter("t", type).setParameter("b", bytes)
                .setParameter("h", ru.coalition.platform.Hashes.sha256Hex(bytes)).setParameter("now", clock.instant())
                .executeUpdate();
    }

    static Optional<String> pictureType(byte[] b) {
        if (b == null || b.length > PICTURE_MAX_BYTES) {
            return Optional.empty();
        }
        return ru.coalition.platform.ContentTypes.sniff(b)
                .filter(t -> List.of(ru.coalition.platform.ContentTypes.PNG, ru.coalition.platform.ContentTypes.JPEG,
                        ru.coalition.platform.ContentTypes.WEBP).contains(t));
    }

    public Optional<Picture> picture(UUID rewardId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.content_type, p.bytes, p.sha256 from catalog_picture p"
                + " join catalog_reward r on r.id = p.reward_id where r.public_id = :id").setParameter("id", rewardId).getResultList();
        return rows.stream().findFirst().map(r -> new Picture((String) r[0], (byte[]) r[1], "\"" + r[2] + "\""));
    }

    private CatalogReward lockedOrNotFound(UUID rewardId) {
        return CatalogReward.<CatalogReward>find("publicId", rewardId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional().orElseThrow(() -> new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND));
    }

    private void apply(CatalogReward r, Draft d) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        Partner p = partners.findBySlug(d.partner()).orElse(null);
        if (p == null) {
            errors.add(new Problem.FieldError("partner", null));
        }
        if (d.activeFrom() != null && d.activeUntil() != null && d.activeUntil().isBefore(d.activeFrom())) {
            errors.add(new Problem.FieldError("activeUntil", null));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        r.partnerId = p.id;
        r.titleRu = d.titleRu().strip();
        r.titleEn = d.titleEn().strip();
        r.descriptionRu = d.descriptionRu() == null ? "" : d.descriptionRu().strip();
        r.descriptionEn = d.descriptionEn() == null ? "" : d.descriptionEn().strip();
        r.cost = d.cost();
        r.stockLeft = d.stockLeft();
        r.perMemberLimit = d.perMemberLimit();
        r.activeFrom = d.activeFrom();
        r.activeUntil = d.activeUntil();
        r.validityDays = d.validityDays() == null ? DEFAULT_VALIDITY_DAYS : d.validityDays();
        r.updatedAt = clock.instant();
    }

    /** What the audit log shows of a reward (its page words each key: name, cost, stock). */
    private static Map<String, Object> details(CatalogReward r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", r.titleRu);
        d.put("cost", r.cost);
        if (r.stockLeft != null) {
            d.put("stock", r.stockLeft);
        }
        return d;
    }

    /** The draft of an existing reward, for the operator's edit form. */
    public Draft draftOf(CatalogReward r) {
        return new Draft(r.titleRu, r.titleEn, r.descriptionRu, r.descriptionEn, r.cost,
                partners.findById(r.partnerId).map(p -> p.slug).orElse(null), r.stockLeft, r.perMemberLimit, r.activeFrom,
                r.activeUntil, r.validityDays);
    }

    Instant now() {
        return clock.instant();
    }
}
