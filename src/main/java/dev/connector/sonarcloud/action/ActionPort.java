package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sonar.SonarResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What pagers and handlers may do during one request: read the checked inputs, and call SonarQube Cloud as the
 * linked account. The executor implements it once per request; errors come back already mapped (401 marks the
 * account and answers 412, other 4xx pass through).
 */
public interface ActionPort {

    /** A checked input by its caller-facing name, in SonarQube's text form; null when absent. */
    String input(String name);

    /** The linked account's organization key. */
    String organization();

    /** The caller's page size (the default when none was given). */
    int pageSize();

    /**
     * Calls the action's own endpoint with its fixed parameters, the organization when it sends one, every given
     * input under its SonarQube name, then {@code extra} (which wins); the body as JSON (not JSON: 502).
     */
    JsonNode call(Map<String, String> extra);

    /** Like {@link #call} but answers the response as it came (for non-JSON bodies). */
    SonarResponse callRaw(Map<String, String> extra);

    /** Calls another endpoint with exactly these parameters (a follow-up read, e.g. the state after a write). */
    JsonNode call(Upstream endpoint, Map<String, String> parameters);
}
