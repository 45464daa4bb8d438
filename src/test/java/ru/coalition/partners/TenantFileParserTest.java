package ru.coalition.partners;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantFileParserTest {

    private final TenantFileParser parser = new TenantFileParser();

    @Test
    void everyDemoTenantFileIsValid() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("tenants"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                TenantFileParser.Parsed parsed = parser.parse(f.getFileName().toString(), Files.readString(f));
                assertNotNull(parsed.file().program());
            }
        }
    }

    @Test
    void kitMediaFileSaysTheBonusProgram() throws Exception {
        ProgramDefinition p = parser.parse("kit-media.yaml", Files.readString(Path.of("tenants/kit-media.yaml"))).file().program();
        assertEquals(WalletScope.CLOSED_LOOP, p.wallet());
        assertEquals(1, p.earn().points());
        assertEquals(0, p.earn().perRubles().compareTo(java.math.BigDecimal.ONE));
        assertEquals(ProgramDefinition.Rounding.floor, p.earn().rounding());
        assertTrue(p.earn().excludedCategories().contains("gift-card"));
        assertTrue(p.earn().excludePromo());
        assertEquals(30, p.activation().delayDays());
        assertEquals(false, p.activation().purchaseDayCounts());
        ProgramDefinition.Threshold t = p.thresholds().get(0);
        assertEquals(25000, t.balance());
        assertEquals(25000, t.cost());
        assertEquals(60, t.claimWindowDays());
        assertEquals("1500.00", t.reward().giftCard().nominal().toPlainString());
        assertEquals(1500, p.giftCardUse().bonus());
        assertTrue(p.referral().bonus() > 0);
    }

    @Test
    void schemaErrorsCarryTheirLine() throws IOException {
        String yaml = Files.readString(Path.of("tenants/kit-media.yaml")).replace("points: 1\n", "points: many\n");
        int line = lineOf(yaml, "points: many");
        TenantFileParser.InvalidTenantFile e = assertThrows(TenantFileParser.InvalidTenantFile.class, () -> parser.parse("kit-media.yaml", yaml));
        assertEquals(line, e.issues().get(0).line(), e.issues().toString());
        assertTrue(e.issues().get(0).reason().contains("points"), e.issues().toString());
    }

    @Test
    void missingAndUnknownPropertiesAreNamed() throws IOException {
        String yaml = Files.readString(Path.of("tenants/kit-media.yaml")).replace("    rounding: floor\n", "    roundng: floor\n");
        TenantFileParser.InvalidTenantFile e = assertThrows(TenantFileParser.InvalidTenantFile.class, () -> parser.parse("kit-media.yaml", yaml));
        assertTrue(e.issues().stream().anyMatch(i -> i.reason().contains("roundng")), e.issues().toString());
        assertTrue(e.issues().stream().anyMatch(i -> i.reason().contains("rounding")), e.issues().toString());
    }

    @Test
    void rulesBeyondTheSchema() throws IOException {
        String base = Files.readString(Path.of("tenants/kit-media.yaml"));
        assertIssue(base.replace("timeZone: Europe/Moscow", "timeZone: Europe/Atlantis"), "kit-media.yaml", "time zone");
        assertIssue(base.replace("      cost: 25000", "      cost: 30000"), "kit-media.yaml", "cost 30000");
        assertIssue(base, "other.yaml", "must match the file name");
        assertIssue(base.replace("\"2026-01-01\"", "\"2026-02-30\""), "kit-media.yaml", "real date");
        assertIssue(base.replace("    - id: flyers", "    - id: business-cards"), "kit-media.yaml", "service id 'business-cards' is listed twice");
        assertIssue(base.replace("        - id: paper", "        - id: print"), "kit-media.yaml", "option id 'print' is listed twice");
        assertIssue(base.replace("  numberPrefix: KM", "  numberPrefix: km-1"), "kit-media.yaml", "numberPrefix");
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        TenantFileParser.InvalidTenantFile e = assertThrows(TenantFileParser.InvalidTenantFile.class,
                () -> parser.parse("x.yaml", "slug: x\nname: [unclosed\nprogram: {}\n"));
        assertTrue(e.issues().get(0).line() >= 2, e.issues().toString());
        assertTrue(e.issues().get(0).reason().startsWith("YAML"));
    }

    private void assertIssue(String yaml, String file, String expected) {
        TenantFileParser.InvalidTenantFile e = assertThrows(TenantFileParser.InvalidTenantFile.class, () -> parser.parse(file, yaml));
        assertTrue(e.issues().stream().anyMatch(i -> i.reason().contains(expected) && i.line() > 0), e.issues().toString());
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle);
    }
}
