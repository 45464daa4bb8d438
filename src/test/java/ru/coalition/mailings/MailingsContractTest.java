package ru.coalition.mailings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.members.Consent;
import ru.coalition.members.MemberConsents;
import ru.coalition.members.MemberService;
import ru.coalition.testing.TestMembers;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seams the mailing parts share: signed unsubscribe tokens, consents in force at send time, a campaign's mail. */
@QuarkusTest
class MailingsContractTest {

    @Inject
    UnsubscribeLinks links;

    @Inject
    MemberConsents consents;

    @Inject
    MemberService members;

    @Inject
    CampaignRenderer renderer;

    @Test
    void unsubscribeTokensNameMemberCampaignAndConsentAndRefuseTampering() {
        String token = links.token(42, 7, Consent.Kind.PARTNER_OFFERS_EMAIL);
        var v = links.verify(token).orElseThrow();
        assertEquals(new UnsubscribeLinks.Verified(42, 7, Consent.Kind.PARTNER_OFFERS_EMAIL), v);

        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[7] ^= 1; // another member, same MAC
        assertTrue(links.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).isEmpty());
        assertTrue(links.verify(token.substring(1)).isEmpty());
        assertTrue(links.verify("not a token").isEmpty());
        assertTrue(links.verify(null).isEmpty());

        var headers = links.headers(42, 7, Consent.Kind.MARKETING_EMAIL);
        assertEquals("List-Unsubscribe=One-Click", headers.get("List-Unsubscribe-Post"));
        assertTrue(headers.get("List-Unsubscribe").matches("<https?://[^>]+/u/[A-Za-z0-9_-]+>, <mailto:[^>]+>"),
                headers.get("List-Unsubscribe"));
    }

    @Test
    void consentsInForceComeWithContactsAndServiceNoticesAreGrantedUntilWithdrawn() {
        var member = TestMembers.register(); // registered with marketingEmail granted, marketingSms refused
        long id = QuarkusTransaction.requiringNew().call(() -> members.byCard(member.cardNumber()).orElseThrow().id);
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(consents.granted(id, Consent.Kind.MARKETING_EMAIL));
            assertFalse(consents.granted(id, Consent.Kind.MARKETING_SMS));
            assertFalse(consents.granted(id, Consent.Kind.PARTNER_OFFERS_EMAIL));
            assertTrue(consents.granted(id, Consent.Kind.SERVICE_EMAIL));
            var r = consents.recipients(List.of(id, -1L), Consent.Kind.MARKETING_EMAIL);
            assertEquals(1, r.size());
            assertEquals(member.email(), r.get(id).email());
            assertEquals("Тест", r.get(id).firstName());
        });
        assertEquals(Consent.Kind.PARTNER_OFFERS_SMS, Consent.Kind.of(Consent.Purpose.PARTNER_MARKETING, Consent.Channel.SMS));
    }

    @Test
    void aCampaignMailIsPersonalSanitisedAndCarriesTheUnsubscribeLink() {
        Campaign c = new Campaign();
        c.kind = Campaign.Kind.OFFER;
        c.channel = Consent.Channel.EMAIL;
        c.subjectRu = "{member.firstName}, скидки недели";
        c.bodyRu = "# Привет, {member.firstName}!\n\nСкидка **20 %**. <script>alert(1)</script>\n\n[Каталог](https://example.org/catalog)";
        c.subjectEn = "Deals of the week";
        c.bodyEn = "Hello {member.firstName}";
        var mail = renderer.render(c, new CampaignRenderer.Reader("Анна", "https://example.org/u/abc"), "ru");
        assertEquals("Анна, скидки недели", mail.subject());
        assertTrue(mail.html().contains("Привет, Анна!"), mail.html());
        assertTrue(mail.html().contains("<strong>20 %</strong>"), mail.html());
        assertFalse(mail.html().contains("<script"), mail.html());
        assertTrue(mail.html().contains("https://example.org/u/abc"), mail.html());
        assertTrue(mail.text().contains("Привет, Анна!"));
        assertEquals("Deals of the week", renderer.render(c, new CampaignRenderer.Reader("Ann", "u"), "en").subject());
        assertNotNull(renderer.problem("Hello {member.firstName"));
        assertEquals(null, renderer.problem("Hello {member.firstName}"));
    }
}
