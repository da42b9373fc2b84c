package dev.connector.sonarcloud.sonar;

import java.util.Locale;
import java.util.Optional;

/**
 * SonarQube Cloud's regions. Data never moves between them: a token only works in its own region.
 * Hosts come from configuration ({@link RegionProperties}); callers can only name a region, never a host.
 */
public enum Region {
    EU("eu", "sonarcloud.io"),
    US("us", "sonarqube.us");

    public static final String ALLOWED = "eu, us, sonarcloud.io, sonarqube.us";

    private final String id;
    private final String publicHost;

    Region(String id, String publicHost) {
        this.id = id;
        this.publicHost = publicHost;
    }

    public String id() {
        return id;
    }

    /** Accepts {@code eu}, {@code us} in any case, or the public hosts; blank means EU. */
    public static Optional<Region> parse(String input) {
        if (input == null || input.isBlank()) {
            return Optional.of(EU);
        }
        String value = input.trim().toLowerCase(Locale.ROOT);
        for (Region region : values()) {
            if (region.id.equals(value) || region.publicHost.equals(value)) {
                return Optional.of(region);
            }
        }
        return Optional.empty();
    }

    public static Region fromId(String id) {
        return parse(id).orElseThrow(() -> new IllegalArgumentException("unknown region"));
    }
}
