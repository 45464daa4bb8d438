package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The partner files the demo loads: tenants/ as it is, except that smol-neft's coalition points lapse three months after
 * they become active, so a newcomer sees expiry at work (the cabinet's «N баллов сгорят D», the 14-day notice in the mail
 * catcher, breakage in clearing) with receipts the till API still takes (at most 90 days old).
 *
 * <p>Why a copy and not tenants/smol-neft.yaml itself: a file holds one program version, smol-neft's is in force since
 * 2026-01-01, and a version in force never changes (docs/tenants.md): every database that loaded the file (a demo data
 * directory, a deployment) would refuse it whole, while a new version from today would come too late for points of
 * receipts up to 90 days old to lapse now. The tests keep smol-neft without expiry in their years too (PointsExpiryTest
 * adds a version from 2040). The copy lives in the data directory: -Dreset makes it afresh from tenants/, and it is
 * written again at every start, so changes to tenants/ reach the demo as they did before.
 */
final class DemoTenants {

    static final String PARTNER = "smol-neft";
    static final int AFTER_MONTHS = 3;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PROGRAM = Pattern.compile("(?m)^program:[ \\t]*(#.*)?$");

    private DemoTenants() {
    }

    /**
     * The folder the demo app loads its partners from: the copy in the data directory, or tenants/ itself for a data
     * directory made before the demo had expiry (its smol-neft version is in force without it and would refuse the copy).
     */
    static Path prepare(Path project, Path data, boolean freshData) throws IOException {
        Path source = project.resolve("tenants");
        Path copy = data.resolve("tenants");
        if (!freshData && !Files.isDirectory(copy)) {
            System.out.println("[demo] this data directory is older than the demo's points expiry: partners load from tenants/ as they"
                    + " are (./mvnw -Pdemo -Dreset shows expiry)");
            return source;
        }
        Files.createDirectories(copy);
        try (Stream<Path> old = Files.list(copy)) {
            for (Path f : old.filter(DemoTenants::isYaml).toList()) {
                Files.delete(f);
            }
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(source)) {
            files = list.filter(DemoTenants::isYaml).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (f.getFileName().toString().equals(PARTNER + ".yaml")) {
                text = withExpiry(text);
            }
            Files.writeString(copy.resolve(f.getFileName()), text, StandardCharsets.UTF_8);
        }
        return copy;
    }

    private static boolean isYaml(Path p) {
        return p.getFileName().toString().endsWith(".yaml");
    }

    /**
     * The file with {@code expiry: { afterMonths: 3 }} first under {@code program:}, its comments kept; unchanged if its
     * program has an expiry rule already. Checked by reading both back: the copy is the file plus that rule, nothing else.
     */
    static String withExpiry(String yaml) throws IOException {
        JsonNode before = YAML.readTree(yaml);
        if (before.path("program").has("expiry")) {
            return yaml;
        }
        Matcher m = PROGRAM.matcher(yaml);
        if (!m.find()) {
            throw new IllegalStateException(PARTNER + ".yaml has no \"program:\" line to give the demo's expiry rule");
        }
        String result = yaml.substring(0, m.end()) + "\n  # the demo only (DemoTenants): points lapse 3 months after they become active"
                + "\n  expiry: { afterMonths: " + AFTER_MONTHS + " }" + yaml.substring(m.end());
        ObjectNode expected = before.deepCopy();
        ((ObjectNode) expected.get("program")).putObject("expiry").put("afterMonths", AFTER_MONTHS);
        if (!YAML.readTree(result).equals(expected)) {
            throw new IllegalStateException("the demo's expiry rule does not fit into " + PARTNER + ".yaml (its program is not"
                    + " indented by two spaces?)");
        }
        return result;
    }
}
