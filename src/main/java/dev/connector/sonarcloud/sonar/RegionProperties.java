package dev.connector.sonarcloud.sonar;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code CONNECTOR_REGIONS_EU_BASE_URL}, {@code …_API_URL}, and the same for US. */
@ConfigurationProperties("connector.regions")
public record RegionProperties(Endpoints eu, Endpoints us) {

    public record Endpoints(URI baseUrl, URI apiUrl) {
    }

    public Endpoints of(Region region) {
        return switch (region) {
            case EU -> eu;
            case US -> us;
        };
    }
}
