package ru.coalition.programs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.TenantFileParser;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Arrays;
import java.lang.reflect.Proxy;
import ru.coalition.platform.Msg;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The editor form against the real tenant parser: whatever a tenant file may say comes back unchanged after a trip
 * through the form, so a save from the portal never drops part of a program.
 */
class ProgramFormTest {

    private final TenantFileParser parser = new TenantFileParser();

    @Test
    void everythingTheSchemaAllowsSurvivesTheForm() throws Exception {
        TenantFileParser.Parsed original = parser.parse("kit-media.yaml", fullProgramFile());
        ProgramDefinition program = original.file().program();
        for (RecordComponent c : ProgramDefinition.class.getRecordComponents()) {
            // a new section must be added to the sample too, or this test stops covering it
            assertNotNull(c.getAccessor().invoke(program), "the sample program sets " + c.getName());
        }
        assertEquals(20, program.thresholds().size());
        assertEquals(10, program.tiers().levels().size());

        TenantFileParser.Parsed again = roundTrip(program);

        assertEquals(program, again.file().program());
        assertEquals(original.programJson(), again.programJson());
    }

    @Test
    void anInactivityRuleSurvivesTheFormAndBothRulesAtOnceAreRefused() throws Exception {
        String program = """
                  name: Бонус
                  effectiveFrom: "2026-01-01"
                  wallet: coalition
                  earn: { points: 1, perRubles: "1.00", rounding: floor }
                  activation: { delayDays: 0, purchaseDayCounts: true }
                  expiry: { inactivityMonths: 18 }
                """;
        ProgramDefinition parsed = parser.parse("kit-media.yaml", file(program)).file().program();
        assertEquals(18, parsed.expiry().inactivityMonths());
        assertEquals(parsed, roundTrip(parsed).file().program());
        assertThrows(TenantFileParser.InvalidTenantFile.class, () -> parser.parse("kit-media.yaml",
                file(program.replace("{ inactivityMonths: 18 }", "{ inactivityMonths: 18, afterMonths: 12 }"))));
    }

    @Test
    void aSmallProgramStaysSmall() throws Exception {
        ProgramDefinition program = parser.parse("kit-media.yaml", file("""
                  name: Бонус
                  effectiveFrom: "2026-01-01"
                  wallet: coalition
                  earn: { points: 1, perRubles: "1.00", rounding: floor }
                  activation: { delayDays: 0, purchaseDayCounts: true }
                  limits: { maxReceiptPoints: 5000 }
                """)).file().program();

        ProgramDefinition again = roundTrip(program).file().program();

        assertEquals(program, again);
        assertNull(again.thresholds());
        assertNull(again.tiers());
        assertNull(again.scratchCards());
        assertNull(again.limits().maxReceiptAmount(), "an empty field keeps the default, it does not write it down");
    }

    @Test
    void theFormShowsEveryRowAndOneToAdd() throws Exception {
        Map<String, String> form = ProgramForm.of(parser.parse("kit-media.yaml", fullProgramFile()).file().program());
        assertEquals(20, ProgramForm.thresholdRows(form, false).size(), "full: no empty row beyond the schema's 20");
        assertEquals(10, ProgramForm.tierRows(form, false).size(), "full: no empty row beyond the schema's 10");

        Map<String, String> three = threeThresholds();
        three.put("thresholdId20", "");
        List<ProgramForm.ThresholdRow> rows = ProgramForm.thresholdRows(three, false);
        assertEquals(List.of("a", "b", "c", ""), rows.stream().map(ProgramForm.ThresholdRow::id).toList());
        assertEquals(List.of(0, 1, 2, 3), rows.stream().map(ProgramForm.ThresholdRow::index).toList(), "gaps closed");
        assertEquals(5, ProgramForm.thresholdRows(three, true).size(), "adding keeps the posted empty row and brings one more");
        assertTrue(ProgramForm.thresholdRows(three, true).getLast().fresh());
    }

    @Test
    void anEmptiedOrTickedRowIsRemovedAndAHalfFilledOneIsRefusedNotDropped() throws Exception {
        Map<String, String> form = threeThresholds();
        form.put("thresholdDrop7", "on");
        for (String field : List.of("Id", "Balance", "Nominal", "Cost", "Window")) {
            form.put("threshold" + field + "12", " ");
        }
        form.put("thresholdNominal40", "500");
        Map<String, Object> tree = ProgramForm.tree(form);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> thresholds = (List<Map<String, Object>>) tree.get("thresholds");
        assertEquals(List.of("a", ""), thresholds.stream().map(t -> t.get("id")).toList());
        TenantFileParser.InvalidTenantFile refused = assertThrows(
                TenantFileParser.InvalidTenantFile.class, () -> parser.parse("kit-media.yaml", TenantFileParser.toYaml(fileTree(tree))));
        assertTrue(refused.issues().stream().anyMatch(i -> i.reason().contains("thresholds[1].id")), refused.issues().toString());
    }

    @Test
    void moreRowsThanTheSchemaAllowsAreRefusedWithTheCount() {
        Map<String, String> form = new LinkedHashMap<>(threeThresholds());
        for (int i = 100; i < 118; i++) {
            form.put("thresholdId" + i, "t" + i);
        }
        form.put("tierCode0", "base");
        form.put("tierPrivileges0", "x\n".repeat(31));

        List<ProgramForm.Refusal> refusals = ProgramForm.refusals(ProgramForm.tree(form));

        // a stand-in bundle that answers with the message's name and arguments, so the test reads which text was chosen
        Msg named = (Msg) Proxy.newProxyInstance(Msg.class.getClassLoader(), new Class<?>[]{Msg.class},
                (proxy, method, args) -> method.getName() + Arrays.asList(args));
        assertEquals(List.of("editorThresholdTooMany[20, 21]", "editorTierPrivilegesTooMany[base, 30, 31]"),
                refusals.stream().map(r -> r.text().apply(named)).toList());
    }

    @Test
    void theFormKnowsTheSchemasSectionsAndLimits() throws Exception {
        JsonNode program;
        try (InputStream in = getClass().getResourceAsStream("/tenants/tenant.schema.json")) {
            program = new ObjectMapper().readTree(in).at("/properties/program/properties");
        }
        Set<String> sections = new TreeSet<>();
        program.fieldNames().forEachRemaining(sections::add);
        assertEquals(sections, Arrays.stream(ProgramDefinition.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new)), "a section of the file the program record does not read");
        assertEquals(ProgramForm.MAX_THRESHOLDS, program.at("/thresholds/maxItems").asInt());
        assertEquals(ProgramForm.MAX_TIER_LEVELS, program.at("/tiers/properties/levels/maxItems").asInt());
        assertEquals(ProgramForm.MAX_PRIVILEGES, program.at("/tiers/properties/levels/items/properties/privileges/maxItems").asInt());
    }

    private TenantFileParser.Parsed roundTrip(ProgramDefinition program) throws Exception {
        Map<String, String> form = ProgramForm.of(program);
        // what the browser posts: the read-only wallet is not a form field, the resource puts the operator's scope back
        return parser.parse("kit-media.yaml", TenantFileParser.toYaml(fileTree(ProgramForm.tree(form))));
    }

    private static Map<String, Object> fileTree(Map<String, Object> program) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("slug", "kit-media");
        file.put("name", "РА «КИТ МЕДИА»");
        file.put("program", program);
        return file;
    }

    private static Map<String, String> threeThresholds() {
        Map<String, String> form = new HashMap<>(ProgramForm.of(null));
        form.put("name", "Бонус");
        form.put("effectiveFrom", "2099-01-01");
        String[][] rows = {{"3", "a"}, {"7", "b"}, {"12", "c"}};
        for (String[] r : rows) {
            form.put("thresholdId" + r[0], r[1]);
            form.put("thresholdBalance" + r[0], "1000");
            form.put("thresholdNominal" + r[0], "100");
            form.put("thresholdCost" + r[0], "1000");
            form.put("thresholdWindow" + r[0], "30");
        }
        return form;
    }

    private static String fullProgramFile() {
        StringBuilder p = new StringBuilder("""
                  name: Бонус
                  effectiveFrom: "2026-01-01"
                  wallet: closed-loop
                  earn:
                    points: 3
                    perRubles: "100.00"
                    rounding: ceil
                    excludedCategories: [gift-card, tobacco]
                    excludePromo: true
                  activation: { delayDays: 14, purchaseDayCounts: false }
                  thresholds:
                """);
        for (int i = 1; i <= 20; i++) {
            p.append("    - { id: gift-").append(i).append(", balance: ").append(1000 * i)
                    .append(", reward: { giftCard: { nominal: \"").append(50 * i).append(".50\" } }, cost: ").append(900 * i)
                    .append(", claimWindowDays: ").append(10 + i).append(" }\n");
        }
        p.append("""
                  giftCardUse: { bonus: 1500 }
                  referral: { bonus: 0 }
                  welcome: { bonus: 300 }
                  birthday: { bonus: 0, greeting: true }
                  tiers:
                    qualificationMonths: 12
                    levels:
                """);
        for (int i = 0; i < 10; i++) {
            p.append("      - code: level-").append(i).append("\n")
                    .append("        name: Уровень ").append(i).append("\n")
                    .append("        minSpend: \"").append(i * 10000).append(".00\"\n")
                    .append("        welcomePoints: ").append(i * 100).append("\n")
                    .append("        multiplier: \"1.").append(i).append("5\"\n")
                    .append("        privileges:\n");
            for (int k = 0; k <= i % 4 + 1; k++) {
                p.append("          - \"привилегия ").append(k).append("; с точкой с запятой, «кавычками» и: двоеточием\"\n");
            }
        }
        p.append("""
                  scratchCards: { enabled: false, defaultPointsPerCard: 250, defaultValidityDays: 90 }
                  limits: { maxReceiptAmount: "250000.00", maxReceiptPoints: 40000 }
                  expiry: { afterMonths: 12 }
                """);
        return file(p.toString());
    }

    private static String file(String program) {
        return "slug: kit-media\nname: РА «КИТ МЕДИА»\nprogram:\n" + program;
    }
}
