package dev.connector.sonarcloud.sim;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An organization; {@code id} is its Web API v2 identifier (a UUID), which {@link SonarCloudSimulator#renewOrganizationId}
 * can change to show what a client does with a stale one.
 */
record SimOrganization(String key, String name, String id) {

    SimOrganization(String key, String name) {
        this(key, name, UUID.nameUUIDFromBytes(("organization:" + key).getBytes(StandardCharsets.UTF_8)).toString());
    }
}
