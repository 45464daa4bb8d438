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

    /** Every object of a render, by "kind/name". */
    private Map<String, JsonNode> objects(String manifests) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (String doc : manifests.split("(?m)^---\\s*$")) {
            JsonNode node = yaml.readTree(doc);
            if (node != null && node.has("kind")) {
                out.put(node.get("kind").asText() + "/" + node.at("/metadata/name").asText(), node);
            }
        }
        return out;
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.get("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.has("value") ? e.get("value").asText() : e.get("valueFrom").toString();
            }
        }
        return null;
    }

    @Test
    void theCloudNativePgExampleRendersAClusterWithASynchronousStandbyAKeycloakClusterAndOnRequestAPooler() throws Exception {
        Map<String, JsonNode> o = objects(new Helm(CHART).template().withName("prod")
                .withValuesFile(CHART.resolve("examples/cloudnativepg.yaml")).set("database.cloudnativepg.pooler.enabled", "true").call());
        JsonNode db = o.get("Cluster/prod-coalition-db");
        assertEquals("postgresql.cnpg.io/v1", db.get("apiVersion").asText());
        assertEquals(3, db.at("/spec/instances").asInt());
        assertEquals(1, db.at("/spec/postgresql/synchronous/number").asInt(), "a commit waits for one standby");
        assertEquals("required", db.at("/spec/postgresql/synchronous/dataDurability").asText());
        assertEquals("transaction", o.get("Pooler/prod-coalition-db-pooler-rw").at("/spec/pgbouncer/poolMode").asText());
        JsonNode app = o.get("Deployment/prod-coalition").at("/spec/template/spec/containers/0");
        assertEquals("jdbc:postgresql://prod-coalition-db-pooler-rw:5432/coalition", env(app, "DB_URL"));
        assertEquals("jdbc:postgresql://prod-coalition-db-reads-r:5432/coalition", env(app, "DB_REPLICA_URL"),
                "reads that may lag: the read replica, not a standby the failover may need");
        JsonNode reads = o.get("Cluster/prod-coalition-db-reads");
        assertTrue(reads.at("/spec/replica/enabled").asBoolean(), "a replica cluster, never promoted by the Cluster's failover");
        assertEquals("prod-coalition-db", reads.at("/spec/replica/source").asText());
        assertEquals("prod-coalition-db", reads.at("/spec/bootstrap/pg_basebackup/source").asText());
        assertEquals("prod-coalition-db-rw", reads.at("/spec/externalClusters/0/connectionParameters/host").asText());
        assertEquals("prod-coalition-db-replication", reads.at("/spec/externalClusters/0/sslCert/name").asText());
        assertEquals("15min", reads.at("/spec/postgresql/parameters/max_standby_streaming_delay").asText(), "replay waits for a long read");
        assertEquals("4GB", reads.at("/spec/postgresql/parameters/shared_buffers").asText(), "the Cluster's other settings");
        assertTrue(db.at("/spec/postgresql/parameters/max_standby_streaming_delay").isMissingNode(),
                "the standbys keep the default: a failover must not wait for replay held back by a read");
        JsonNode withoutReads = objects(new Helm(CHART).template().withName("prod").withValuesFile(CHART.resolve("examples/cloudnativepg.yaml"))
                .set("database.cloudnativepg.readReplica.enabled", "false").call()).get("Deployment/prod-coalition")
                .at("/spec/template/spec/containers/0");
        assertEquals("jdbc:postgresql://prod-coalition-db-ro:5432/coalition", env(withoutReads, "DB_REPLICA_URL"), "without it: the standbys");
        assertTrue(env(app, "DB_PASSWORD").contains("prod-coalition-db-app"), "the operator's generated credentials");
        JsonNode kc = o.get("Keycloak/prod-coalition-keycloak");
        assertEquals(2, kc.at("/spec/instances").asInt());
        assertEquals("prod-coalition-keycloak-db-rw", kc.at("/spec/db/host").asText(), "Keycloak has a database of its own");
        assertTrue(o.containsKey("Cluster/prod-coalition-keycloak-db"));
        assertEquals("-XX:MaxRAMPercentage=70", env(app, "JAVA_TOOL_OPTIONS"));
    }

    @Test
    void thePatroniExampleNamesEveryHostInOneUrl() throws Exception {
        Map<String, JsonNode> o = objects(new Helm(CHART).template().withName("prod")
                .withValuesFile(CHART.resolve("examples/patroni.yaml")).call());
        assertFalse(o.keySet().stream().anyMatch(k -> k.startsWith("Cluster/") || k.startsWith("Keycloak/")), o.keySet().toString());
        JsonNode app = o.get("Deployment/prod-coalition").at("/spec/template/spec/containers/0");
        assertTrue(env(app, "DB_URL").contains("pg-1.db.example.org:5432,pg-2.db.example.org:5432,pg-3") && env(app, "DB_URL").contains("targetServerType=primary"));
        assertTrue(env(app, "DB_REPLICA_URL").startsWith("jdbc:postgresql://pg-reads.db.example.org:5432,")
                && env(app, "DB_REPLICA_URL").contains("targetServerType=preferSecondary"), "the read replica first");
        assertEquals(null, env(app, "DB_USER"), "credentials from the chart's Secret");
        assertEquals(null, env(app, "DB_MIGRATE_UP_TO"), "every migration unless told otherwise");
        JsonNode firstStep = objects(new Helm(CHART).template().withName("prod").withValuesFile(CHART.resolve("examples/patroni.yaml"))
                .set("database.migrateUpTo", "49").call()).get("Deployment/prod-coalition").at("/spec/template/spec/containers/0");
        assertEquals("49", env(firstStep, "DB_MIGRATE_UP_TO"), "the first of the two rolling updates across V50");
    }

    @Test
    void anExistingSecretReplacesTheGeneratedOne() throws Exception {
        String manifests = new Helm(CHART).template().withName("prod").set("secrets.existingSecret", "vault-synced").call();
        assertFalse(manifests.contains("kind: Secret"), "no generated Secret");
        assertTrue(manifests.contains("name: vault-synced"));
    }
}
