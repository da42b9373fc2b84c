package dev.connector.sonarcloud.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The deployment files: every Kubernetes manifest passes the official Kubernetes Java client's schema check (unknown
 * fields, missing required fields, wrong types) and carries what running several replicas needs; the Compose file runs
 * replicas behind an official nginx image with one PostgreSQL.
 */
class DeploymentManifestsTest {

    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String APP = "sonarcloud-connector";

    interface SchemaCheck {
        void validate(JsonElement json) throws IOException;
    }

    private static final Map<String, SchemaCheck> SCHEMAS = Map.of(
            "apps/v1 Deployment", V1Deployment::validateJsonElement,
            "v1 Service", V1Service::validateJsonElement,
            "policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement,
            "autoscaling/v2 HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement);

    @Test
    void everyManifestMatchesTheKubernetesSchema() throws IOException {
        List<JsonNode> manifests = manifests();
        assertThat(manifests).extracting(m -> m.path("kind").asString())
                .containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler");
        for (JsonNode manifest : manifests) {
            String type = manifest.path("apiVersion").asString() + " " + manifest.path("kind").asString();
            assertThat(SCHEMAS).as("a known apiVersion and kind: " + type).containsKey(type);
            SCHEMAS.get(type).validate(JsonParser.parseString(manifest.toString()));
        }
    }

    @Test
    void theSchemaCheckRefusesAnUnknownFieldAndAMissingRequiredOne() throws IOException {
        JsonNode deployment = manifest("Deployment");
        String typo = deployment.toString().replace("\"readinessProbe\"", "\"readynessProbe\"");
        assertThatThrownBy(() -> V1Deployment.validateJsonElement(JsonParser.parseString(typo)))
                .hasMessageContaining("readynessProbe");
        String noContainerName = deployment.toString().replace("\"name\":\"connector\",", "");
        assertThatThrownBy(() -> V1Deployment.validateJsonElement(JsonParser.parseString(noContainerName)))
                .hasMessageContaining("name");
    }

    @Test
    void theDeploymentHasProbesResourcesANonRootReadOnlyContainerAndSecretsByReference() throws IOException {
        JsonNode pod = manifest("Deployment").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("startupProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/readiness");
        Map<String, Integer> ports = new java.util.HashMap<>();
        container.path("ports").forEach(p -> ports.put(p.path("name").asString(), p.path("containerPort").asInt()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String port = container.path(probe).path("httpGet").path("port").asString();
            assertThat(ports.get(port)).as(probe + " on the management port").isEqualTo(8081);
        }
        assertThat(ports).containsEntry("http", 8080);
        assertThat(container.path("resources").path("requests").path("cpu").asString()).isNotBlank();
        assertThat(container.path("resources").path("requests").path("memory").asString()).isNotBlank();
        assertThat(container.path("resources").path("limits").path("memory").asString()).isNotBlank();
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.path("volumeMounts").findValuesAsString("mountPath")).contains("/tmp");
        // shutdown: readiness delay + drain fit in the grace period
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(40);

        Map<String, JsonNode> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asString(), e));
        assertThat(env.get("CONNECTOR_API_KEYS_0_KEY_SHA256").path("valueFrom").path("secretKeyRef").path("name").asString())
                .isEqualTo("connector-api-keys");
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef").isObject()).isTrue();
        assertThat(env).doesNotContainKey("CONNECTOR_KEYSET");
        assertThat(env.get("MANAGEMENT_SERVER_PORT").path("value").asString()).isEqualTo("8081");
        String keysetFile = env.get("CONNECTOR_KEYSET_FILE").path("value").asString();
        JsonNode keysetVolume = pod.path("volumes").findParent("secretName");
        assertThat(keysetVolume.path("secretName").asString()).isEqualTo("connector-keyset");
        assertThat(keysetFile).startsWith(container.path("volumeMounts").get(0).path("mountPath").asString() + "/");
    }

    @Test
    void serviceBudgetAndAutoscalerPointAtTheDeployment() throws IOException {
        JsonNode deployment = manifest("Deployment");
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertThat(deployment.path("metadata").path("name").asString()).isEqualTo(APP);
        assertThat(matches(manifest("Service").path("spec").path("selector"), podLabels)).isTrue();
        assertThat(matches(manifest("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"), podLabels)).isTrue();
        assertThat(matches(deployment.path("spec").path("selector").path("matchLabels"), podLabels)).isTrue();
        JsonNode hpa = manifest("HorizontalPodAutoscaler").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("kind").asString()).isEqualTo("Deployment");
        assertThat(hpa.path("scaleTargetRef").path("name").asString()).isEqualTo(APP);
        assertThat(hpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(manifest("Service").path("spec").path("ports").get(0).path("targetPort").asString()).isEqualTo("http");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asString()));
        try (var files = Files.list(KUBERNETES)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void composeRunsReplicasBehindNginxWithOnePostgres() throws IOException {
        JsonNode services = YAML.readTree(Path.of("docker-compose.yml").toFile()).path("services");
        assertThat(services.path("postgres").path("image").asString()).isEqualTo("postgres:17");
        JsonNode connector = services.path("connector");
        assertThat(connector.path("deploy").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(connector.path("ports").valueStream().map(JsonNode::asString).toList())
                .as("replicas cannot share a host port: only loopback management ports, one per replica")
                .allMatch(port -> port.startsWith("127.0.0.1:") && port.contains("-"));
        assertThat(connector.path("stop_grace_period").asString()).isNotBlank();
        JsonNode lb = services.path("lb");
        assertThat(lb.path("image").asString()).matches("nginx:[0-9.]+");
        assertThat(lb.path("ports").get(0).asString()).endsWith(":8080");
        String config = lb.path("volumes").get(0).asString().split(":")[0];
        String nginx = Files.readString(Path.of(config));
        assertThat(nginx).contains("server connector:8080 resolve").contains("proxy_pass http://connector");
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        assertThat(selector.isEmpty()).isFalse();
        for (var entry : selector.properties()) {
            if (!entry.getValue().asString().equals(labels.path(entry.getKey()).asString())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode manifest(String kind) throws IOException {
        return manifests().stream().filter(m -> m.path("kind").asString().equals(kind)).findFirst().orElseThrow();
    }

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> manifests = new ArrayList<>();
        try (var files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    manifests.add(YAML.readTree(file.toFile()));
                }
            }
        }
        return manifests;
    }
}
