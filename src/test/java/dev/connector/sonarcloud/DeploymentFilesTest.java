package dev.connector.sonarcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The image and compose configuration an operator runs: management on its own port (not published beyond the
 * host's loopback), the keyset as a compose secret, an API key able to rotate. (.ci/compose-check runs
 * {@code docker compose config} on the same file; LocalLauncherTest shows the separate management port at work.)
 */
class DeploymentFilesTest {

    @Test
    void theImageServesManagementOnItsOwnPortAndChecksHealthThere() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("MANAGEMENT_SERVER_PORT=8081").contains("EXPOSE 8080 8081")
                .contains("http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-8081}/actuator/health/liveness");
    }

    @Test
    void composeKeepsTheKeysetInASecretAndManagementOnLoopback() throws Exception {
        JsonNode compose = new YAMLMapper().readTree(Files.readString(Path.of("docker-compose.yml")));
        JsonNode connector = compose.path("services").path("connector");
        JsonNode environment = connector.path("environment");
        assertThat(environment.path("MANAGEMENT_SERVER_PORT").asString()).isEqualTo("8081");
        assertThat(environment.has("CONNECTOR_KEYSET")).isFalse();
        assertThat(environment.path("CONNECTOR_KEYSET_FILE").asString()).isEqualTo("/run/secrets/connector_keyset");
        assertThat(connector.path("secrets").valueStream().map(JsonNode::asString).toList()).containsExactly("connector_keyset");
        assertThat(compose.path("secrets").path("connector_keyset").path("file").asString()).isEqualTo("./keyset.json");
        assertThat(List.of(environment.path("CONNECTOR_API_KEYS_0_SCOPES").asString().split(","))).contains("admin");
        // replicas: the API is published by the load balancer, management on loopback, one port per replica
        List<String> ports = connector.path("ports").valueStream().map(JsonNode::asString).toList();
        assertThat(ports).containsExactly("127.0.0.1:8081-8089:8081");
        assertThat(compose.path("services").path("lb").path("ports").valueStream().map(JsonNode::asString).toList())
                .containsExactly("8080:8080");
        assertThat(Map.of("image", connector.path("image").asString())).containsEntry("image", "sonarcloud-connector:local");
    }
}
