package ru.coalition.partners;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import ru.coalition.platform.Hashes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tenants/<slug>.yaml: YAML syntax, the JSON Schema, then the rules a schema cannot say. Every problem
 * comes back with its line, so the person editing the file knows where to look.
 */
@ApplicationScoped
public class TenantFileParser {

    /**
     * One problem of a file: its line, the reason in English (for logs and the operator's file report), and for the
     * portal's editor the JSON path, the JSON-Schema keyword ("type", "minimum", …; "rule" for our own checks) and the
     * keyword's limit, so the editor can say it in the person's language under the field's own label.
     */
    public record Issue(int line, String reason, String path, String keyword, String limit) {
        public Issue(int line, String reason) {
            this(line, reason, null, null, null);
        }

        @Override
        public String toString() {
            return (line > 0 ? "line " + line + ": " : "") + reason;
        }
    }

    public record Parsed(TenantFile file, String checksum, String programJson, String programChecksum,
                         int effectiveFromLine, int walletLine) {
    }

    public static final class InvalidTenantFile extends Exception {
        private final List<Issue> issues;

        public InvalidTenantFile(String fileName, List<Issue> issues) {
            super(fileName + ": " + issues);
            this.issues = List.copyOf(issues);
        }

        public List<Issue> issues() {
            return issues;
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(YAML);
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final JsonSchema schema = loadSchema();

    public Parsed parse(String fileName, String yaml) throws InvalidTenantFile {
        JsonNode root;
        try {
            root = YAML_MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidTenantFile(fileName, List.of(new Issue(at == null ? 0 : at.getLineNr(), "YAML: " + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTenantFile(fileName, List.of(new Issue(1, "the file must be a YAML mapping (slug, name, program, ...)")));
        }
        Map<String, Integer> lines = lineIndex(yaml);
        List<Issue> issues = new ArrayList<>();
        Set<ValidationMessage> violations = schema.validate(root);
        for (ValidationMessage v : violations) {
            String path = v.getInstanceLocation().toString();
            if ("required".equals(v.getType()) && v.getProperty() != null) {
                path = path + "." + v.getProperty();
            }
            Object[] args = v.getArguments();
            String limit = args == null || args.length == 0 || args[args.length - 1] == null ? null : args[args.length - 1].toString();
            issues.add(new Issue(lineOf(lines, v.getInstanceLocation().toString()), v.getMessage(), path, v.getType(), limit));
        }
        if (issues.isEmpty()) {
            checkRules(fileName, root, lines, issues);
        }
        if (!issues.isEmpty()) {
            issues.sort(Comparator.comparingInt(Issue::line));
            throw new InvalidTenantFile(fileName, issues);
        }
        try {
            TenantFile file = JSON.treeToValue(root, TenantFile.class);
            JsonNode program = root.get("program");
            String programJson = JSON.writeValueAsString(JSON.treeToValue(program, Object.class));
            return new Parsed(file, Hashes.sha256(JSON.writeValueAsString(JSON.treeToValue(root, Object.class))), programJson,
                    Hashes.sha256(programJson), lineOf(lines, "$.program.effectiveFrom"), lineOf(lines, "$.program.wallet"));
        } catch (JsonProcessingException e) {
            throw new InvalidTenantFile(fileName, List.of(new Issue(0, e.getOriginalMessage())));
        }
    }

    /** Rules beyond the schema: the name matches the slug, real time zone and dates, sane thresholds and tiers. */
    private void checkRules(String fileName, JsonNode root, Map<String, Integer> lines, List<Issue> issues) {
        String slug = root.path("slug").asText();
        String expectedName = slug + ".yaml";
        if (fileName != null && fileName.endsWith(".yaml") && !fileName.equals(expectedName)) {
            issues.add(new Issue(lineOf(lines, "$.slug"), "slug '" + slug + "' must match the file name (" + expectedName + ")"));
        }
        if (root.has("timeZone")) {
            try {
                ZoneId.of(root.get("timeZone").asText());
            } catch (DateTimeException e) {
                issues.add(new Issue(lineOf(lines, "$.timeZone"), "unknown time zone '" + root.get("timeZone").asText() + "'"));
            }
        }
        JsonNode program = root.path("program");
        try {
            LocalDate.parse(program.path("effectiveFrom").asText());
        } catch (DateTimeException e) {
            issues.add(new Issue(lineOf(lines, "$.program.effectiveFrom"), "effectiveFrom is not a real date", "$.program.effectiveFrom", "not-a-date", null));
        }
        if (new BigDecimal(program.path("earn").path("perRubles").asText("1.00")).signum() == 0) {
            issues.add(new Issue(lineOf(lines, "$.program.earn.perRubles"), "perRubles must be above zero", "$.program.earn.perRubles", "exclusiveMinimum", "0"));
        }
        JsonNode thresholds = program.path("thresholds");
        for (int i = 0; i < thresholds.size(); i++) {
            JsonNode t = thresholds.get(i);
            if (t.path("cost").asLong() > t.path("balance").asLong()) {
                issues.add(new Issue(lineOf(lines, "$.program.thresholds[" + i + "].cost"),
                        "cost " + t.path("cost").asLong() + " is above the balance that makes the offer (" + t.path("balance").asLong() + ")",
                        "$.program.thresholds[" + i + "].cost", "cost-above-balance", String.valueOf(t.path("balance").asLong())));
            }
        }
        JsonNode services = root.path("orders").path("services");
        Set<String> serviceIds = new java.util.HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            String id = services.get(i).path("id").asText();
            if (!serviceIds.add(id)) {
                issues.add(new Issue(lineOf(lines, "$.orders.services[" + i + "].id"), "service id '" + id + "' is listed twice",
                        "$.orders.services[" + i + "].id", "unique", null));
            }
            Set<String> optionIds = new java.util.HashSet<>();
            JsonNode options = services.get(i).path("options");
            for (int k = 0; k < options.size(); k++) {
                if (!optionIds.add(options.get(k).path("id").asText())) {
                    issues.add(new Issue(lineOf(lines, "$.orders.services[" + i + "].options[" + k + "].id"),
                            "option id '" + options.get(k).path("id").asText() + "' is listed twice in service '" + id + "'",
                            "$.orders.services[" + i + "].options[" + k + "].id", "unique", null));
                }
            }
        }
        JsonNode levels = program.path("tiers").path("levels");
        for (int i = 1; i < levels.size(); i++) {
            if (new BigDecimal(levels.get(i).path("minSpend").asText()).compareTo(new BigDecimal(levels.get(i - 1).path("minSpend").asText())) <= 0) {
                issues.add(new Issue(lineOf(lines, "$.program.tiers.levels[" + i + "].minSpend"), "tiers must be listed by growing minSpend",
                        "$.program.tiers.levels[" + i + "].minSpend", "tier-order", null));
            }
        }
        if (levels.size() > 0 && new BigDecimal(levels.get(0).path("minSpend").asText()).signum() != 0) {
            issues.add(new Issue(lineOf(lines, "$.program.tiers.levels[0].minSpend"), "the first tier must start at minSpend \"0.00\"",
                    "$.program.tiers.levels[0].minSpend", "first-tier-zero", null));
        }
    }

    /** The line of a JSON path, or of its nearest ancestor when the path itself is absent (a missing property). */
    private static int lineOf(Map<String, Integer> lines, String path) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 1;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Maps each JSON path ($.a.b[0].c, as the validator names them) to the line it starts on. */
    static Map<String, Integer> lineIndex(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            if (p.nextToken() != null) {
                walk(p, "$", lines);
            }
        } catch (IOException e) {
            // already reported by the tree parse
        }
        return lines;
    }

    private static void walk(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = path + "." + p.currentName();
                lines.put(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                walk(p, child, lines);
            }
        } else if (t == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                walk(p, path + "[" + i++ + "]", lines);
            }
        }
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = TenantFileParser.class.getResourceAsStream("/tenants/tenant.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree of the partner's tenant file around a program section (the editor's form, a back-test's draft). */
    public static Map<String, Object> fileOf(Partner p, Map<String, Object> program) {
        Map<String, Object> file = new java.util.LinkedHashMap<>();
        file.put("slug", p.slug);
        file.put("name", p.name);
        if (p.legalName != null) {
            file.put("legalName", p.legalName);
        }
        if (p.city != null) {
            file.put("city", p.city);
        }
        file.put("timeZone", p.timeZone);
        file.put("program", program);
        return file;
    }

    /** A tenant file as YAML, the format tenants/<slug>.yaml is read in (for the portal's export and editor). */
    public static String toYaml(Object tenantFileTree) {
        try {
            return YAML_MAPPER.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    .writeValueAsString(JSON.convertValue(tenantFileTree, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
