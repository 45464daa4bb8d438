package ru.coalition.mailings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.devstack.SmsCatcher;
import ru.coalition.members.Consent;
import ru.coalition.members.MemberService;
import ru.coalition.partners.PartnerService;
import ru.coalition.testing.DevStackTestResource;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sending engine against real PostgreSQL, GreenMail and the SMS stub (issue 12 §4–§6): consent re-read at send
 * time, the frequency cap (also with two campaigns at once), SMS quiet hours, pause/resume/cancel, tracking, figures.
 */
@QuarkusTest
class SendingEngineTest {

    private static final AtomicLong RUN = new AtomicLong(System.nanoTime() % 100_000);

    @Inject
    Sends sends;

    @Inject
    CampaignStats campaignStats;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    EntityManager em;

    @Inject
    Engine engine;

    record M(long id, String email, String phone) {
    }

    /**
     * Members made by SQL (no Keycloak user: the engine never signs anyone in), with the marketing e-mail consent given;
     * unique card numbers, phones and addresses from the highest member id so far.
     */
    List<M> register(int n) {
        return register(n, "Смоленск");
    }

    List<M> register(int n, String city) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    insert into member (public_id, card_number, first_name, last_name, phone, email, birth_date, gender, city,
                                        social_status, income_bracket, preferred_channel, referral_code, status, registered_at)
                    select gen_random_uuid(), '70' || lpad((b.base + g)::text, 14, '0'), 'Анна', 'Рассылкина',
                           '+7' || (6000000000 + b.base + g), 'engine' || (b.base + g) || '@example.org', date '1990-01-01', 'female',
                           :city, 'employed', '50-100k', 'email', 'E' || (b.base + g), 'ACTIVE', now()
                    from (select coalesce(max(id), 0) + 1000 as base from member) b, generate_series(1, :n) g
                    returning id, email, phone""").setParameter("n", n).setParameter("city", city).getResultList();
            List<M> out = rows.stream().map(r -> new M(((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                    .sorted(java.util.Comparator.comparingLong(M::id)).toList();
            em.createNativeQuery("insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                            + " select unnest(cast(:ids as bigint[])), 'MARKETING_EMAIL', true, 'test', now(), 'test'")
                    .setParameter("ids", out.stream().map(M::id).toArray(Long[]::new)).executeUpdate();
            return out;
        });
    }

    /** A campaign started at once for exactly these members (the segment's part is B's, tested there). */
    long campaign(Consent.Channel channel, Long partnerId, String subject, String body, List<M> to, boolean track) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Campaign c = new Campaign();
            c.kind = partnerId == null ? Campaign.Kind.OFFER : Campaign.Kind.PARTNER;
            c.partnerId = partnerId;
            c.channel = channel;
            c.name = subject;
            c.subjectRu = subject;
            c.bodyRu = body;
            c.status = Campaign.Status.SCHEDULED;
            c.trackOpens = track;
            c.trackClicks = track;
            c.createdBy = "test";
            c.createdAt = Instant.now();
            c.updatedAt = c.createdAt;
            c.persist();
            em.flush();
            assertTrue(sends.start(c, new SendingSeams.Selection("select unnest(cast(:ids as bigint[])) as member_id",
                    Map.of("ids", to.stream().map(M::id).toArray(Long[]::new)))));
            return c.id;
        });
    }

    String subject(String what) {
        return what + " " + RUN.incrementAndGet();
    }

    Map<String, Long> rows(long campaignId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> out = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> r = em.createNativeQuery("select status || coalesce(':' || skip_reason, ''), count(*) from campaign_recipient"
                    + " where campaign_id = :c group by 1").setParameter("c", campaignId).getResultList();
            r.forEach(x -> out.put((String) x[0], ((Number) x[1]).longValue()));
            return out;
        });
    }

    String rowOf(long campaignId, long memberId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select status || coalesce(':' || skip_reason, '')"
                + " from campaign_recipient where campaign_id = :c and member_id = :m").setParameter("c", campaignId).setParameter("m", memberId)
                .getSingleResult());
    }

    Campaign.Status status(long campaignId) {
        return QuarkusTransaction.requiringNew().call(() -> Campaign.<Campaign>findById(campaignId).status);
    }

    void awaitSent(long campaignId) {
        await().atMost(Duration.ofSeconds(90)).until(() -> status(campaignId) == Campaign.Status.SENT);
    }

    static List<MimeMessage> mailsTo(String email, String subject) {
        return Arrays.stream(DevStackTestResource.stack().mail.getReceivedMessages())
                .filter(m -> Inbox.recipient(m).equals(email) && Inbox.subject(m).equals(subject)).toList();
    }

    /** The HTML part of a campaign mail (multipart/alternative: text and HTML). */
    static String html(MimeMessage mail) {
        try {
            return htmlOf(mail.getContent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String htmlOf(Object content) throws Exception {
        if (content instanceof jakarta.mail.Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                var part = multi.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return (String) part.getContent();
                }
                String inner = part.getContent() instanceof jakarta.mail.Multipart ? htmlOf(part.getContent()) : null;
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return content instanceof String s ? s : null;
    }

    static long mailsWithSubject(String subject) {
        return Arrays.stream(DevStackTestResource.stack().mail.getReceivedMessages()).filter(m -> Inbox.subject(m).equals(subject)).count();
    }

    void consent(long memberId, Consent.Kind kind, boolean granted) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into consent (member_id, kind, granted, wording_version,"
                        + " recorded_at, source, client_address) select :m, :k, :g, 'test', greatest(clock_timestamp(),"
                        + " (select max(recorded_at) + interval '1 second' from consent where member_id = :m)), 'test', null")
                .setParameter("m", memberId).setParameter("k", kind.name()).setParameter("g", granted).executeUpdate());
    }

    // ---- tests

    @Test
    void consentWithdrawnDuringASendReachesNobodyAndEveryoneElseGetsItOnce() {
        List<M> to = register(50);
        String subject = subject("Согласие");
        long id = campaign(Consent.Channel.EMAIL, null, subject, "Здравствуйте, {member.firstName}!", to, false);
        // the send is under way (20 mails a second in tests); the last member (highest id, sent last) withdraws now
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(id).getOrDefault("SENT", 0L) >= 1);
        M last = to.get(to.size() - 1);
        consent(last.id(), Consent.Kind.MARKETING_EMAIL, false);
        awaitSent(id);
        assertEquals("SKIPPED:no-consent", rowOf(id, last.id()));
        assertEquals(0, mailsTo(last.email(), subject).size(), "no mail after the withdrawal");
        for (M m : to.subList(0, to.size() - 1)) {
            assertEquals(1, mailsTo(m.email(), subject).size(), "one mail to " + m.email());
        }
        assertEquals(Map.of("SENT", 49L, "SKIPPED:no-consent", 1L), rows(id));
    }

    @Test
    void theFrequencyCapHoldsAlsoWhenTwoCampaignsReachAMemberAtOnce() {
        List<M> to = register(8);
        long first = campaign(Consent.Channel.EMAIL, null, subject("Лимит 1"), "Первое", to, false);
        awaitSent(first);
        // two at once: of the second and third, each member gets exactly one (the cap is 2 in 7 days)
        String s2 = subject("Лимит 2");
        String s3 = subject("Лимит 3");
        long second = campaign(Consent.Channel.EMAIL, null, s2, "Второе", to, false);
        long third = campaign(Consent.Channel.EMAIL, null, s3, "Третье", to, false);
        awaitSent(second);
        awaitSent(third);
        for (M m : to) {
            List<String> outcomes = List.of(rowOf(second, m.id()), rowOf(third, m.id()));
            assertTrue(outcomes.contains("SENT") && outcomes.contains("SKIPPED:capped"), m.id() + ": " + outcomes);
            assertEquals(1, mailsTo(m.email(), s2).size() + mailsTo(m.email(), s3).size());
        }
        long fourth = campaign(Consent.Channel.EMAIL, null, subject("Лимит 4"), "Четвёртое", to, false);
        awaitSent(fourth);
        assertEquals(Map.of("SKIPPED:capped", 8L), rows(fourth));
        assertEquals(Map.of("capped", 8L), campaignStats.of(fourth).skipped());
    }

    @Test
    void marketingSmsWaitsOutTheQuietHoursOfTheMembersOwnCity() {
        M smolensk = register(1, "Смоленск").get(0);
        M vladivostok = register(1, "Владивосток").get(0);
        List<M> to = List.of(smolensk, vladivostok);
        MovableClock clock = MovableClock.installAt("2031-03-10T12:00:00Z"); // 15:00 in Smolensk, 22:00 in Vladivostok
        to.forEach(m -> consent(m.id(), Consent.Kind.MARKETING_SMS, true));
        SmsCatcher sms = DevStackTestResource.stack().sms;
        String text = "Акция " + RUN.incrementAndGet();
        long id = campaign(Consent.Channel.SMS, null, "sms", text, to, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> smsTo(sms, smolensk, text) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Instant) em.createNativeQuery(
                        "select next_attempt_at from campaign_recipient where campaign_id = :c and member_id = :m")
                .setParameter("c", id).setParameter("m", vladivostok.id()).getSingleResult())
                .equals(Instant.parse("2031-03-10T23:00:00Z"))));
        assertEquals("QUEUED", rowOf(id, vladivostok.id()));
        assertEquals(0, smsTo(sms, vladivostok, text));
        assertTrue(sms.received().stream().anyMatch(s -> s.to().equals(smolensk.phone()) && s.text().contains(text)
                && s.text().contains("STOP")), "a marketing SMS says how to opt out");
        clock.set("2031-03-10T23:00:01Z"); // 09:00:01 in Vladivostok
        await().atMost(Duration.ofSeconds(60)).until(() -> smsTo(sms, vladivostok, text) == 1);
        awaitSent(id);
        assertEquals(1, smsTo(sms, smolensk, text));
    }

    static long smsTo(SmsCatcher sms, M m, String text) {
        return sms.received().stream().filter(s -> s.to().equals(m.phone()) && s.text().contains(text)).count();
    }

    @Test
    void pauseStopsTheSendWithinSecondsAndResumeSendsTheRestOnce() {
        List<M> to = register(60);
        String subject = subject("Пауза");
        long id = campaign(Consent.Channel.EMAIL, null, subject, "Пауза и продолжение", to, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(id).getOrDefault("SENT", 0L) >= 3);
        sends.pause(id, "test");
        // within seconds nothing more goes out
        AtomicLong seen = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1500))
                .until(() -> seen.getAndSet(rows(id).getOrDefault("SENT", 0L)) == seen.get());
        long sentWhilePaused = seen.get();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertEquals(sentWhilePaused, rows(id).getOrDefault("SENT", 0L));
        assertEquals(sentWhilePaused, mailsWithSubject(subject));
        assertTrue(sentWhilePaused < 60, "paused before the end: " + sentWhilePaused);
        assertEquals(Campaign.Status.PAUSED, status(id));
        sends.resume(id, "test");
        awaitSent(id);
        for (M m : to) {
            assertEquals(1, mailsTo(m.email(), subject).size(), m.email());
        }
    }

    @Test
    void cancelSkipsWhatIsStillQueued() {
        List<M> to = register(60);
        String subject = subject("Отмена");
        long id = campaign(Consent.Channel.EMAIL, null, subject, "Отмена", to, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> rows(id).getOrDefault("SENT", 0L) >= 2);
        sends.cancel(id, "test");
        await().atMost(Duration.ofSeconds(10)).until(() -> !rows(id).containsKey("QUEUED"));
        Map<String, Long> r = rows(id);
        long sent = r.getOrDefault("SENT", 0L);
        assertEquals(60, sent + r.getOrDefault("SKIPPED:cancelled", 0L), r.toString());
        assertTrue(sent < 60, r.toString());
        assertEquals(sent, mailsWithSubject(subject));
        assertEquals(Campaign.Status.CANCELLED, status(id));
        RestAssured.given().auth().oauth2(Tokens.user("mailer", "demo1234")).get("/api/v1/operator/campaigns/{id}/stats", id)
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("queued", equalTo(0))
                .body("skipped.cancelled", equalTo((int) (60 - sent)));
    }

    @Test
    void opensAndClicksAreRecordedAndARedirectGoesOnlyToTheCampaignsOwnLinks() {
        M m = register(1).get(0);
        String subject = subject("Трекинг");
        long id = campaign(Consent.Channel.EMAIL, null, subject,
                "Привет, {member.firstName}! [Скидки недели](https://example.org/deals?a=1&b=2)", List.of(m), true);
        MimeMessage mail = Inbox.awaitMailTo(m.email(), subject);
        String html = html(mail);
        try {
            assertTrue(mail.getHeader("Message-ID")[0].matches("<c" + id + "\\.m" + m.id() + "\\.[0-9a-z]+@coalition\\.local>"),
                    mail.getHeader("Message-ID")[0]);
            assertEquals(String.valueOf(id), mail.getHeader("X-Coalition-Campaign")[0]);
            assertEquals("List-Unsubscribe=One-Click", mail.getHeader("List-Unsubscribe-Post")[0]);
            assertTrue(mail.getHeader("List-Unsubscribe")[0].contains("/u/"));
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
        Matcher pixel = Pattern.compile("src=\"https?://[^/\"]+(/t/o/[A-Za-z0-9_-]+)\"").matcher(html);
        Matcher link = Pattern.compile("href=\"https?://[^/\"]+(/t/c/[A-Za-z0-9_-]+)\\?u=([^\"]+)\"").matcher(html);
        assertTrue(pixel.find(), html);
        assertTrue(link.find(), html);
        assertFalse(html.contains("href=\"https://example.org/deals"), "the link is a redirect link");
        String target = URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
        assertEquals("https://example.org/deals?a=1&b=2", target);

        given().get(pixel.group(1)).then().statusCode(200).contentType("image/gif");
        given().get(pixel.group(1)).then().statusCode(200);
        given().redirects().follow(false).queryParam("u", target).get(link.group(1))
                .then().statusCode(303).header("Location", equalTo(target));
        // a forged target with a genuine token, a damaged token, a pixel token used as a link: all refused
        given().redirects().follow(false).queryParam("u", "https://evil.example/phish").get(link.group(1)).then().statusCode(404);
        given().redirects().follow(false).queryParam("u", target).get(link.group(1).replaceFirst(".$", "A").equals(link.group(1))
                ? link.group(1).replaceFirst(".$", "B") : link.group(1).replaceFirst(".$", "A")).then().statusCode(404);
        given().redirects().follow(false).queryParam("u", target).get(pixel.group(1).replace("/t/o/", "/t/c/")).then().statusCode(404);
        given().get("/t/o/forged").then().statusCode(200); // the pixel never tells

        var s = campaignStats.of(id);
        assertEquals(1, s.sent());
        assertEquals(1, s.opened());
        assertEquals(2, s.openedTotal());
        assertEquals(1, s.clicked());
        assertEquals(1, s.clickedTotal());
        assertFalse(s.series().isEmpty());

        // the fragment of the campaign page: progress, figures and the chart
        String fragment = engine.parse("{#campaignStats stats=stats /}").data("stats", s).setAttribute("locale", Locale.forLanguageTag("ru")).render();
        assertTrue(fragment.contains("id=\"campaign-progress\" max=\"100\" value=\"100\""), fragment);
        assertTrue(fragment.contains("<svg"), fragment);
        assertTrue(fragment.contains("Открыли"), fragment);
        String en = engine.parse("{#campaignStats stats=stats /}").data("stats", s).setAttribute("locale", Locale.ENGLISH).render();
        assertTrue(en.contains("Clicked"), en);
    }

    @Test
    void withoutTrackingTheMailHasPlainLinksAndNoPixel() {
        M m = register(1).get(0);
        String subject = subject("Без трекинга");
        campaign(Consent.Channel.EMAIL, null, subject, "[Каталог](https://example.org/catalog)", List.of(m), false);
        String html = html(Inbox.awaitMailTo(m.email(), subject));
        assertTrue(html.contains("href=\"https://example.org/catalog\""), html);
        assertFalse(html.contains("/t/o/"), html);
        assertFalse(html.contains("/t/c/"), html);
    }

    @Test
    void aPartnerSeesTheFiguresOfItsOwnCampaignsOnly() {
        M m = register(1).get(0);
        consent(m.id(), Consent.Kind.PARTNER_OFFERS_EMAIL, true);
        long kit = QuarkusTransaction.requiringNew().call(() -> partners.cachedBySlug("kit-media").orElseThrow().id);
        String subject = subject("Партнёр");
        long partnerCampaign = campaign(Consent.Channel.EMAIL, kit, subject, "От партнёра", List.of(m), false);
        long operatorCampaign = campaign(Consent.Channel.EMAIL, null, subject("Оператор"), "От оператора", List.of(m), false);
        awaitSent(partnerCampaign);

        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).get("/api/v1/partner/campaigns/{id}/stats", partnerCampaign)
                .then().statusCode(200).body("sent", equalTo(1)).body("recipients", equalTo(1));
        given().auth().oauth2(Tokens.user("smol-neft-admin", "demo1234")).get("/api/v1/partner/campaigns/{id}/stats", partnerCampaign)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).get("/api/v1/partner/campaigns/{id}/stats", operatorCampaign)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).get("/api/v1/partner/campaigns/{id}/stats", Long.MAX_VALUE)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).get("/api/v1/operator/campaigns/{id}/stats", partnerCampaign)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.user("mailer", "demo1234")).get("/api/v1/operator/campaigns/{id}/stats", partnerCampaign)
                .then().statusCode(200).body("sent", equalTo(1));
        given().auth().oauth2(TestMembers.register().token()).get("/api/v1/operator/campaigns/{id}/stats", partnerCampaign).then().statusCode(403);
        given().get("/api/v1/operator/campaigns/{id}/stats", partnerCampaign).then().statusCode(401);
    }
}
