package dev.connector.sonarcloud.sonar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.connector.sonarcloud.web.ApiException;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Web API v2 names an organization by its id (a UUID), the Web API v1 and the linked account by its key. The id
 * is read once per linked account ({@code organizations/organizations?organizationKey=}) and kept; a v2 call that
 * answers 404 with a kept id reads the id again and, when it changed, is sent once more.
 */
@Component
public class OrganizationIds {

    static final String ENDPOINT = "organizations/organizations";

    private final SonarClient client;
    private final ObjectMapper mapper;
    private final Cache<UUID, String> ids = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(12)).build();

    public OrganizationIds(SonarClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /**
     * Runs {@code v2Call} with the organization's id. A 404 answered to a kept id means the id may be stale: it is
     * read again and the call repeated once if it changed (otherwise the 404 stands).
     */
    public <T> T with(SonarCall call, UUID account, String organizationKey, Function<String, T> v2Call) {
        String kept = ids.getIfPresent(account);
        String id = kept != null ? kept : resolve(call, account, organizationKey);
        try {
            return v2Call.apply(id);
        } catch (SonarClientError e) {
            if (e.status() != 404 || kept == null) {
                throw e;
            }
            ids.invalidate(account);
            String fresh = resolve(call, account, organizationKey);
            if (fresh.equals(kept)) {
                throw e;
            }
            return v2Call.apply(fresh);
        }
    }

    /** Forgets an account's organization id (its account was deleted or re-linked). */
    public void forget(UUID account) {
        ids.invalidate(account);
    }

    private String resolve(SonarCall call, UUID account, String organizationKey) {
        JsonNode body = client.execute(call, SonarRequest.get(ENDPOINT,
                SonarRequest.params("organizationKey", organizationKey))).json(mapper);
        JsonNode organizations = body.isArray() ? body : body.path("organizations");
        for (JsonNode organization : organizations) {
            if (organizationKey.equals(organization.path("key").asString(null))) {
                String id = organization.path("uuidV4").isString() ? organization.path("uuidV4").asString()
                        : organization.path("id").asString(null);
                if (id != null && !id.isBlank()) {
                    ids.put(account, id);
                    return id;
                }
            }
        }
        throw ApiException.providerError("SonarQube Cloud (" + call.region().id()
                + ") answered no v2 id for organization '" + organizationKey + "'");
    }
}
