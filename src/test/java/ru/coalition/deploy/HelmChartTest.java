package ru.coalition.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lints and renders helm/coalition (helm-java, no helm binary) and checks the objects it makes. */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/coalition");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void chartLintsClean() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
    }

    @Test
    void rendersTheDeploymentWithProbesSecretsAndTheTenantFiles() throws Exception {
        String manifests = new Helm(CHART).template().withName("prod").withNamespace("coalition")
                .set("secrets.dbPassword", "s3cret")
                .setFile("tenants.kit-media\\.yaml", Path.of("tenants/kit-media.yaml"))
                .setFile("tenants.smol-neft\\.yaml", Path.of("tenants/smol-neft.yaml"))
                .call();
        Map<String, JsonNode> byKind = new HashMap<>();
        for (String doc : manifests.split("(?m)^---\\s*$")) {
            JsonNode node = yaml.readTree(doc);
            if (node != null && node.has("kind")) {
                byKind.put(node.get("kind").asText(), node);
            }
        }
        assertTrue(byKind.keySet().containsAll(List.of("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "ConfigMap", "Secret")), byKind.keySet().toString());

        JsonNode container = byKind.get("Deployment").at("/spec/template/spec/containers/0");
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        // probes reach the management interface (prod profile), not the public port
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals("management", container.at("/" + probe + "/httpGet/port").asText(), probe);
        }
        assertEquals(9000, container.at("/ports/1/containerPort").asInt());
        assertEquals("http", byKind.get("Service").at("/spec/ports/0/targetPort").asText());
        assertEquals(1, byKind.get("Service").at("/spec/ports").size(), "the Service publishes only the public port");
        assertEquals("prod-coalition", container.at("/envFrom/0/secretRef/name").asText());
        assertTrue(container.get("env").toString().contains("OIDC_SERVER_URL"));
        assertEquals("/deployments/tenants", container.at("/volumeMounts/0/mountPath").asText());

        JsonNode tenants = byKind.get("ConfigMap").get("data");
        assertTrue(tenants.get("kit-media.yaml").asText().contains("slug: kit-media"));
        assertTrue(tenants.has("smol-neft.yaml"));
        assertEquals("s3cret", byKind.get("Secret").at("/stringData/DB_PASSWORD").asText());
        assertEquals(1, byKind.get("PodDisruptionBudget").at("/spec/minAvailable").asInt());
        assertEquals("prod-coalition", byKind.get("HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asText());
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOne() throws Exception {
        String manifests = new Helm(CHART).template().withName("prod").set("secrets.existingSecret", "vault-synced").call();
        assertFalse(manifests.contains("kind: Secret"), "no generated Secret");
        assertTrue(manifests.contains("name: vault-synced"));
    }
}
