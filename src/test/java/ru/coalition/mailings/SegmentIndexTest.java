package ru.coalition.mailings;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.PartnerService;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot a large base is counted from (SegmentIndex) against SQL: random definitions over members of two cities
 * of this test's own, each counted both ways by the operator and by a partner, must agree to the member. The members
 * are made by SQL with random answers, consents, activity rows (some with the rollup's refund-only ±infinity times),
 * tiers and empty coalition wallets; the activity rows are removed afterwards. Seeded: -Dtest.seed.
 */
@QuarkusTest
class SegmentIndexTest {

    static final long SEED = Long.getLong("test.seed", System.nanoTime());
    static final String CITY_A = "Снимокск" + Long.toString(Math.abs(SEED) % 1_000_000, 36);
    static final String CITY_B = "Битсетово" + Long.toString(Math.abs(SEED) % 1_000_000, 36);
    static final int MEMBERS = 400;
    static final List<String> CONSENTS = List.of("marketingEmail", "marketingSms", "partnerOffersEmail", "partnerOffersSms",
            "serviceEmail", "serviceSms");
    static boolean seeded;

    @Inject
    EntityManager em;

    @Inject
    Segments segments;

    @Inject
    SegmentIndex index;

    @Inject
    PartnerService partners;

    long kit;
    long smol;

    @BeforeEach
    void seed() {
        kit = partners.cachedBySlug("kit-media").orElseThrow().id;
        smol = partners.cachedBySlug("smol-neft").orElseThrow().id;
        if (seeded) {
            return;
        }
        System.out.println("SegmentIndexTest seed " + SEED + ", cities " + CITY_A + ", " + CITY_B);
        SplittableRandom rnd = new SplittableRandom(SEED);
        Instant now = Instant.now();
        String tag = "sx" + Long.toString(Math.abs(SEED) % 1_000_000_000L, 36);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < MEMBERS; i++) {
                LocalDate born = LocalDate.now().minusDays(rnd.nextInt(14 * 365, 80 * 365));
                long id = ((Number) em.createNativeQuery("""
                                insert into member (public_id, card_number, first_name, last_name, phone, email, birth_date, gender, city,
                                    social_status, income_bracket, preferred_channel, referral_code, status, registered_at, language)
                                values (gen_random_uuid(), :card, 'Бит', 'Сетов', :phone, :email, :born, :gender, :city, :status, :income,
                                    'email', :ref, 'ACTIVE', now(), 'ru') returning id""")
                        .setParameter("card", "9" + String.format("%015d", Math.floorMod(SEED * 1000 + i, 1_000_000_000_000_000L)))
                        .setParameter("phone", "+79" + String.format("%09d", Math.floorMod(SEED + i * 7919L, 1_000_000_000L)))
                        .setParameter("email", tag + i + "@example.org")
                        .setParameter("born", born)
                        .setParameter("gender", MemberFilters.GENDERS.get(rnd.nextInt(2)))
                        // the same city written three ways: counts ignore letter case
                        .setParameter("city", pick(rnd, List.of(CITY_A, CITY_A.toUpperCase(), CITY_B)))
                        .setParameter("status", pick(rnd, MemberFilters.SOCIAL_STATUSES))
                        .setParameter("income", pick(rnd, MemberFilters.INCOME_BRACKETS))
                        .setParameter("ref", tag.toUpperCase() + i)
                        .getSingleResult()).longValue();
                for (String kind : List.of("MARKETING_EMAIL", "MARKETING_SMS", "PARTNER_OFFERS_EMAIL", "PARTNER_OFFERS_SMS", "SERVICE_EMAIL")) {
                    int decisions = rnd.nextInt(3); // none, one, or a decision taken back
                    for (int d = 0; d < decisions; d++) {
                        em.createNativeQuery("insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                                        + " values (:m, :k, :g, 'test', now(), 'test')")
                                .setParameter("m", id).setParameter("k", kind).setParameter("g", rnd.nextBoolean()).executeUpdate();
                    }
                }
                long spendAll = 0;
                long receiptsAll = 0;
                Instant lastAll = null;
                for (long partner : List.of(kit, smol)) {
                    if (rnd.nextInt(3) == 0) {
                        continue;
                    }
                    boolean refundOnly = rnd.nextInt(25) == 0;
                    Instant last = now.minus(rnd.nextInt(0, 400 * 24 * 60), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
                    long receipts = refundOnly ? 0 : rnd.nextInt(1, 30);
                    long spend = refundOnly ? -rnd.nextInt(1, 100_000) : rnd.nextLong(0, 5_000_000);
                    var insert = em.createNativeQuery("insert into purchase_activity (member_id, partner_id, first_at, last_at, receipts,"
                                    + " spend) values (:m, :p, " + (refundOnly ? "'infinity', '-infinity'" : ":first, :last") + ", :r, :s)")
                            .setParameter("m", id).setParameter("p", partner).setParameter("r", receipts).setParameter("s", spend);
                    if (!refundOnly) {
                        insert.setParameter("first", last.minus(30, ChronoUnit.DAYS)).setParameter("last", last);
                    }
                    insert.executeUpdate();
                    spendAll += spend;
                    receiptsAll += receipts;
                    lastAll = refundOnly ? lastAll : lastAll == null || last.isAfter(lastAll) ? last : lastAll;
                }
                if (receiptsAll > 0) {
                    em.createNativeQuery("insert into purchase_activity_total (member_id, first_at, last_at, receipts, spend)"
                                    + " values (:m, :first, :last, :r, :s)")
                            .setParameter("m", id).setParameter("first", lastAll.minus(400, ChronoUnit.DAYS)).setParameter("last", lastAll)
                            .setParameter("r", receiptsAll).setParameter("s", spendAll).executeUpdate();
                }
                if (rnd.nextInt(4) == 0) {
                    em.createNativeQuery("insert into member_tier (partner_id, member_id, tier_code, spend, since, updated_at)"
                                    + " values (:p, :m, :t, 0, now(), now())")
                            .setParameter("p", rnd.nextBoolean() ? kit : smol).setParameter("m", id)
                            .setParameter("t", pick(rnd, List.of("silver", "gold"))).executeUpdate();
                }
                if (rnd.nextBoolean()) {
                    // an empty coalition wallet (0 points, as the ledger would have it with no entries)
                    em.createNativeQuery("insert into wallet (member_id, partner_id, balance, created_at) values (:m, null, 0, now())")
                            .setParameter("m", id).executeUpdate();
                }
            }
        });
        seeded = true;
    }

    /**
     * The activity rows made here by hand are not folded from purchases: they go, so that the rollup still equals the
     * purchases it is folded from (SegmentsTest checks that over the whole database).
     */
    @AfterAll
    static void removeHandMadeActivity() {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String table : List.of("purchase_activity", "purchase_activity_total")) {
                em.createNativeQuery("delete from " + table + " where member_id in (select id from member where lower(city) in (lower(:a), lower(:b)))")
                        .setParameter("a", CITY_A).setParameter("b", CITY_B).executeUpdate();
            }
        });
    }

    @Test
    void theSnapshotCountsWhatSqlCountsForRandomDefinitions() {
        SegmentSnapshot snapshot = index.load();
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int nonEmpty = 0;
        for (int i = 0; i < 150; i++) {
            boolean partnerSide = i % 3 == 2;
            Long partnerId = partnerSide ? kit : null;
            SegmentDefinition random = group(rnd, partnerSide, 1);
            // everything within this test's two cities, so no other test's members change the figures
            SegmentDefinition d = new SegmentDefinition("all", List.of(cond("city", List.of(CITY_A, CITY_B))), List.of(random));
            Segments.Count sql;
            try {
                sql = segments.count(d, partnerId);
            } catch (ru.coalition.platform.ProblemException e) {
                throw new AssertionError("definition " + i + " refused: " + e.fieldErrors() + " " + d, e);
            }
            Segments.Count memory = segments.count(d, partnerId, snapshot);
            assertNull(sql.asOf(), "a small base is counted in SQL");
            assertNotNull(memory.asOf());
            assertEquals(sql.count(), memory.count(), "definition " + i + " (seed " + SEED + ", partner " + partnerId + "): " + d);
            assertEquals(sql.fewerThan(), memory.fewerThan());
            if (sql.count() != null && sql.count() > 0) {
                nonEmpty++;
            }
        }
        // the random definitions are not all empty (then the comparison would say little)
        assertTrue(nonEmpty > 30, "definitions with members: " + nonEmpty);
    }

    @Test
    void aLargeBaseIsCountedFromTheSnapshotAsOfItsMoment() {
        SegmentDefinition d = new SegmentDefinition("all", List.of(cond("city", List.of(CITY_A, CITY_B))), List.of());
        try {
            // "large" from 0 members: the index takes a snapshot and counts come from it, saying when it was made
            assertTrue(index.refreshIfLarge(0).isPresent());
            Segments.Count c = segments.count(d, null);
            assertNotNull(c.asOf());
            assertEquals(MEMBERS, c.count());
            // a large threshold: back to SQL
            assertTrue(index.refreshIfLarge(Long.MAX_VALUE).isEmpty());
            assertNull(segments.count(d, null).asOf());
        } finally {
            index.drop();
        }
    }

    // ---- random definitions ----

    private SegmentDefinition group(SplittableRandom rnd, boolean partnerSide, int depth) {
        List<SegmentDefinition.Condition> conditions = new ArrayList<>();
        int n = rnd.nextInt(0, 4);
        for (int i = 0; i < n; i++) {
            conditions.add(condition(rnd, partnerSide));
        }
        List<SegmentDefinition> groups = new ArrayList<>();
        if (depth < 2 && rnd.nextInt(3) == 0) { // under the wrapping group: three levels in all
            groups.add(group(rnd, partnerSide, depth + 1));
        }
        return new SegmentDefinition(rnd.nextBoolean() ? "all" : "any", conditions, groups);
    }

    private SegmentDefinition.Condition condition(SplittableRandom rnd, boolean partnerSide) {
        List<String> types = partnerSide
                ? List.of("ageBand", "gender", "city", "socialStatus", "incomeBracket", "birthdayThisMonth", "consent", "boughtAt",
                "notBoughtAt", "spend", "visits", "tier")
                : SegmentCompiler.TYPES;
        String type = pick(rnd, types);
        String partner = partnerSide ? null : pick(rnd, List.of("kit-media", "smol-neft", ""));
        partner = partner == null || partner.isEmpty() ? null : partner;
        Long min = rnd.nextBoolean() ? null : (long) rnd.nextInt(-2, 20);
        Long max = min != null && rnd.nextBoolean() ? null : (long) rnd.nextInt(Math.max(0, min == null ? 0 : min.intValue()), 40);
        return switch (type) {
            case "ageBand" -> cond(type, some(rnd, MemberFilters.AGE_BANDS.stream().map(MemberFilters.AgeBand::code).toList()));
            case "gender" -> new SegmentDefinition.Condition(type, null, pick(rnd, MemberFilters.GENDERS), null, null, null, null, null, null);
            case "city" -> cond(type, some(rnd, List.of(CITY_A, CITY_B.toUpperCase(), "Смоленск")));
            case "socialStatus" -> cond(type, some(rnd, MemberFilters.SOCIAL_STATUSES));
            case "incomeBracket" -> cond(type, some(rnd, MemberFilters.INCOME_BRACKETS));
            case "birthdayThisMonth" -> new SegmentDefinition.Condition(type, null, null, null, null, null, null, null, null);
            case "consent" -> new SegmentDefinition.Condition(type, null,
                    pick(rnd, partnerSide ? List.of("partnerOffersEmail", "partnerOffersSms") : CONSENTS), null, null, null, null, null, null);
            case "boughtAt", "notBoughtAt" -> new SegmentDefinition.Condition(type, null, null, partner, rnd.nextInt(1, 450),
                    null, null, null, null);
            case "spend" -> new SegmentDefinition.Condition(type, null, null, partner, null, null, null,
                    min == null ? null : Math.max(0, min) * 2000 + ".00", max == null ? null : max * 2000 + ".00");
            case "visits" -> new SegmentDefinition.Condition(type, null, null, partner, null, min == null ? null : Math.max(0, min), max,
                    null, null);
            case "tier" -> new SegmentDefinition.Condition(type, some(rnd, List.of("silver", "gold", "platinum")), null,
                    partnerSide ? null : pick(rnd, List.of("kit-media", "smol-neft")), null, null, null, null, null);
            case "balance" -> new SegmentDefinition.Condition(type, null, null, null, null, min, max, null, null);
            default -> throw new IllegalStateException(type);
        };
    }

    private static SegmentDefinition.Condition cond(String type, List<String> values) {
        return new SegmentDefinition.Condition(type, values, null, null, null, null, null, null, null);
    }

    private static <T> T pick(SplittableRandom rnd, List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    private static List<String> some(SplittableRandom rnd, List<String> from) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (rnd.nextInt(3) == 0) {
                out.add(s);
            }
        }
        return out.isEmpty() ? List.of(pick(rnd, from)) : out;
    }
}
