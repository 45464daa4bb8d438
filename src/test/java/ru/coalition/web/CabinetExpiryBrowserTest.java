package ru.coalition.web;

import com.microsoft.playwright.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.ErrorCode;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The member reads in the cabinet, beside the coalition wallet, how many points lapse first and on which day: in
 * Russian by default, in English with ?lang=en, the verb agreeing with the number in both.
 */
@QuarkusTest
class CabinetExpiryBrowserTest extends BrowserTest {

    @Inject
    PartnerService partners;

    @Inject
    TenantFileParser parser;

    @Inject
    LedgerService ledger;

    @Inject
    MemberService members;

    @Test
    void theWalletSaysHowManyPointsExpireAndWhenInRussianAndEnglish() throws Exception {
        MovableClock clock = MovableClock.installAt("2026-03-10T10:00:00+03:00");
        Partner p = partnerWithExpiryAfterTwelveMonths();
        TestMembers.TestMember tm = TestMembers.register();
        long memberId = QuarkusTransaction.requiringNew().call(() -> members.byCard(tm.cardNumber()).orElseThrow().id);
        // 1 234 points earned at the partner on 10 March 2026 lapse at 00:00 on 11 March 2027
        QuarkusTransaction.requiringNew().run(() -> ledger.post(ledger.walletId(memberId, null), memberId, List.of(
                new LedgerService.Entry(EntryKind.BONUS, 1234, clock.instant(), p.id, "test", null, "cabinet expiry test"))));

        // the member is in Moscow: the day is the one the points lapse at 00:00 there (a browser elsewhere reads its own day)
        Page page = browser.phonePageIn("Europe/Moscow");
        page.navigate(base + "cabinet/wallets");
        Browser.signIn(page, tm.email(), TestMembers.PASSWORD);
        assertEquals("1 234 балла сгорят 11.03.2027", expiryLine(page));

        page.navigate(base + "cabinet/wallets?lang=en");
        assertEquals("1,234 points expire on 11 Mar 2027", expiryLine(page));

        // one point left: the verb agrees
        QuarkusTransaction.requiringNew().run(() -> ledger.spend(ledger.walletId(memberId, null), memberId, new LedgerService.Entry(
                EntryKind.REDEMPTION, -1233, clock.instant(), p.id, "test", null, "cabinet expiry test"), ErrorCode.REDEMPTION_INSUFFICIENT));
        page.navigate(base + "cabinet/wallets?lang=en");
        assertEquals("1 point expires on 11 Mar 2027", expiryLine(page));
        page.navigate(base + "cabinet/wallets?lang=ru");
        assertEquals("1 балл сгорит 11.03.2027", expiryLine(page));
        Browser.screenshot(page, "cabinet-expiry");
    }

    /** The line under the coalition wallet, its spaces (narrow no-break ones in Russian numbers) as plain ones. */
    private static String expiryLine(Page page) {
        page.waitForSelector("[data-wallet=coalition] .next-expiry");
        return page.textContent("[data-wallet=coalition] .next-expiry").replaceAll("[\\s\u00a0\u202f]+", " ").trim();
    }

    /** A coalition partner of this test whose points lapse 12 months after they became active, in force since 2020. */
    private Partner partnerWithExpiryAfterTwelveMonths() throws Exception {
        String slug = "cab-exp-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Partner p = partners.create(new PartnerService.NewPartner(slug, "Сгорающие " + slug, "ООО «" + slug + "»", "Смоленск",
                "Europe/Moscow", WalletScope.COALITION));
        String yaml = Files.readString(Path.of("tenants/smol-neft.yaml")).replace("slug: smol-neft", "slug: " + slug)
                .replace("effectiveFrom: \"2026-01-01\"", "effectiveFrom: \"2020-01-01\"") + "  expiry: { afterMonths: 12 }\n";
        assertNull(partners.addVersion(p, parser.parse(slug + ".yaml", yaml)));
        return p;
    }
}
