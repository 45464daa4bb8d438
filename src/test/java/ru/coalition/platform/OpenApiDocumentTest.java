package ru.coalition.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Redocly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document partners read first (/q/openapi), as the running app serves it. */
@QuarkusTest
class OpenApiDocumentTest {

    /** What SmallRye makes of the JDK types our records use. */
    private static final Set<String> JDK_SCHEMAS = Set.of("Instant", "LocalDate", "OffsetDateTime", "UUID");

    private static String document() {
        return given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    }

    @Test
    void redoclyRecommendedRulesFindNothing() throws Exception {
        Path document = Files.createDirectories(Path.of("target", "redocly")).resolve("openapi.json");
        Files.writeString(document, document());

        Redocly.Lint lint = Redocly.lint(document, Path.of("src/test/resources/redocly.yaml"));
        System.out.println("redocly lint " + document + " (@redocly/cli " + Redocly.VERSION + "):\n" + lint.report());
        assertTrue(lint.clean(), "redocly lint (@redocly/cli " + Redocly.VERSION + ", recommended rules) found " + lint.errors()
                + " errors and " + lint.warnings() + " warnings in " + document + ":\n" + lint.report());
    }

    @Test
    void onlyTheApiIsDescribedAndOnlyWithOurRecordsAndEnums() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(document());
        List<String> notApi = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(p -> {
            if (!p.startsWith("/api/v1/")) {
                notApi.add(p);
            }
        });
        assertEquals(List.of(), notApi, "pages and framework endpoints stay out of the API document");

        Set<String> ours = schemaNamesOfOurRecordsAndEnums();
        List<String> foreign = new ArrayList<>();
        doc.at("/components/schemas").fieldNames().forEachRemaining(name -> {
            if (!ours.contains(name) && !JDK_SCHEMAS.contains(name)) {
                foreign.add(name);
            }
        });
        assertEquals(List.of(), foreign, "schemas that are not API records or enums of ru.coalition (entities, Qute types, ...)");
    }

    @Test
    void problemExamplesAreWhatTheAppAnswers() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(document());
        JsonNode examples = doc.at("/components/examples");
        assertFalse(examples.isMissingNode() || examples.isEmpty(), "the document has problem examples");
        for (Iterator<Map.Entry<String, JsonNode>> it = examples.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ErrorCode code = Stream.of(ErrorCode.values()).filter(c -> c.code().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("example " + e.getKey() + " names no ErrorCode"));
            JsonNode body = e.getValue().get("value");
            assertEquals(code.code(), body.get("code").asText());
            assertEquals(Problem.TYPE_PREFIX + code.code(), body.get("type").asText());
            assertEquals(code.status(), body.get("status").asInt(), code.code());
            assertFalse(body.toString().contains("{0}"), "placeholders filled in " + body);
        }
        // each problem example sits under its own status
        doc.get("paths").forEach(item -> item.forEach(op -> op.path("responses").fields().forEachRemaining(r ->
                r.getValue().at("/content/application~1problem+json/examples").fieldNames().forEachRemaining(name -> {
                    ErrorCode code = Stream.of(ErrorCode.values()).filter(c -> c.code().equals(name)).findFirst().orElseThrow();
                    assertEquals(Integer.toString(code.status()), r.getKey(), op.get("operationId") + " " + name);
                }))));
    }

    /** The schema name (@Schema(name) or the simple name) of every record and enum compiled from src/main/java. */
    private static Set<String> schemaNamesOfOurRecordsAndEnums() throws Exception {
        Path classes = Path.of("target", "classes");
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("ru/coalition"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
                if (type.isRecord() || type.isEnum()) {
                    Schema schema = type.getAnnotation(Schema.class);
                    names.add(schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName());
                }
            }
        }
        return names;
    }
}
