package ru.coalition.programs;

import org.junit.jupiter.api.Test;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramDefinition.Activation;
import ru.coalition.partners.ProgramDefinition.Earn;
import ru.coalition.partners.ProgramDefinition.Rounding;
import ru.coalition.partners.WalletScope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The accrual arithmetic on its own: PROGRAM-SEMANTICS.md figures, rounding, activation days. */
class ProgramEngineTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    static ProgramDefinition program(long points, String perRubles, Rounding rounding, int delayDays, boolean dayCounts, Long giftCardBonus) {
        return new ProgramDefinition("test", null, WalletScope.CLOSED_LOOP,
                new Earn(points, new BigDecimal(perRubles), rounding, List.of("gift-card"), true),
                new Activation(delayDays, dayCounts), null,
                giftCardBonus == null ? null : new ProgramDefinition.GiftCardUse(giftCardBonus), null, null, null, null, null, null);
    }

    static final ProgramDefinition BONUS = program(1, "1.00", Rounding.floor, 30, false, 1500L);

    static List<ProgramEngine.Line> receiptA() {
        return List.of(new ProgramEngine.Line("print", false, 1_200_000), new ProgramEngine.Line("gift-card", false, 300_000),
                new ProgramEngine.Line("print", true, 250_000), new ProgramEngine.Line("print", false, 123_456));
    }

    @Test
    void exampleA() {
        ProgramEngine.Evaluation e = ProgramEngine.evaluate(BONUS, receiptA(), 0, false, BigDecimal.ONE);
        assertEquals(1_323_456, e.eligible());
        assertEquals(13_234, e.points());
        Instant at = ProgramEngine.activatesAt(BONUS, OffsetDateTime.parse("2026-03-01T14:00:00+03:00").toInstant(), MOSCOW);
        assertEquals(OffsetDateTime.parse("2026-04-01T00:00:00+03:00").toInstant(), at);
        // a purchase a minute before midnight is still on the 1st; a minute after, on the 2nd
        assertEquals(OffsetDateTime.parse("2026-04-01T00:00:00+03:00").toInstant(),
                ProgramEngine.activatesAt(BONUS, OffsetDateTime.parse("2026-03-01T23:59:00+03:00").toInstant(), MOSCOW));
        assertEquals(OffsetDateTime.parse("2026-04-02T00:00:00+03:00").toInstant(),
                ProgramEngine.activatesAt(BONUS, OffsetDateTime.parse("2026-03-02T00:01:00+03:00").toInstant(), MOSCOW));
    }

    @Test
    void exampleBAndC() {
        List<ProgramEngine.Line> afterRefund = List.of(receiptA().get(0), receiptA().get(1), receiptA().get(2),
                new ProgramEngine.Line("print", false, 0));
        assertEquals(12_000, ProgramEngine.evaluate(BONUS, afterRefund, 0, false, BigDecimal.ONE).points());
        ProgramEngine.Evaluation c = ProgramEngine.evaluate(BONUS, List.of(new ProgramEngine.Line("print", false, 500_000)),
                150_000, true, BigDecimal.ONE);
        assertEquals(3_500, c.accrual());
        assertEquals(1_500, c.giftCardBonus());
        assertEquals(5_000, c.points());
    }

    @Test
    void roundingPerReceiptAndMultiplier() {
        List<ProgramEngine.Line> receipt = List.of(new ProgramEngine.Line("fuel", false, 5_999), new ProgramEngine.Line("fuel", false, 1_000));
        // 69.99 RUB at 1 point per 20 RUB = 3.4995
        assertEquals(3, ProgramEngine.evaluate(program(1, "20.00", Rounding.floor, 0, true, null), receipt, 0, false, BigDecimal.ONE).points());
        assertEquals(3, ProgramEngine.evaluate(program(1, "20.00", Rounding.round, 0, true, null), receipt, 0, false, BigDecimal.ONE).points());
        assertEquals(4, ProgramEngine.evaluate(program(1, "20.00", Rounding.ceil, 0, true, null), receipt, 0, false, BigDecimal.ONE).points());
        // x1.5 of 3.4995 = 5.249
        assertEquals(5, ProgramEngine.evaluate(program(1, "20.00", Rounding.floor, 0, true, null), receipt, 0, false, new BigDecimal("1.5")).points());
        // a gift card paying more than the eligible lines leaves nothing to earn on, never less than nothing
        assertEquals(0, ProgramEngine.evaluate(program(1, "20.00", Rounding.floor, 0, true, null), receipt, 10_000, false, BigDecimal.ONE).points());
    }

    @Test
    void activationCountingThePurchaseDayOrNot() {
        Instant noon = OffsetDateTime.parse("2026-03-01T12:00:00+03:00").toInstant();
        assertEquals(noon, ProgramEngine.activatesAt(program(1, "1.00", Rounding.floor, 0, true, null), noon, MOSCOW), "at once");
        assertEquals(OffsetDateTime.parse("2026-03-02T00:00:00+03:00").toInstant(),
                ProgramEngine.activatesAt(program(1, "1.00", Rounding.floor, 0, false, null), noon, MOSCOW), "the next day");
        assertEquals(OffsetDateTime.parse("2026-03-15T00:00:00+03:00").toInstant(),
                ProgramEngine.activatesAt(program(1, "1.00", Rounding.floor, 14, true, null), noon, MOSCOW));
        assertEquals(OffsetDateTime.parse("2026-03-16T00:00:00+03:00").toInstant(),
                ProgramEngine.activatesAt(program(1, "1.00", Rounding.floor, 14, false, null), noon, MOSCOW));
    }

    @Test
    void money() {
        assertEquals(123_456, Money.parse("1234.56"));
        assertEquals(123_450, Money.parse("1234.5"));
        assertEquals(100, Money.parse("1"));
        assertEquals("1234.50", Money.format(123_450));
        assertEquals(false, Money.isValid("-1.00"));
        assertEquals(false, Money.isValid("1.234"));
        assertEquals(false, Money.isValid("1,00"));
    }
}
