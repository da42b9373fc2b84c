package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorCode;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks a token against SonarQube Cloud as docs/design.md section 1 describes: {@code api/authentication/validate}
 * (which says valid even for no token, so blank tokens never get here), then organization membership, then the
 * user's login and name.
 */
@Component
public class SonarCredentials {

    public record Identity(String login, String name) {
    }

    private final SonarClient client;
    private final SonarErrors errors;
    private final ObjectMapper mapper;

    public SonarCredentials(SonarClient client, SonarErrors errors, ObjectMapper mapper) {
        this.client = client;
        this.errors = errors;
        this.mapper = mapper;
    }

    public Identity validate(Region region, String token, String organizationKey) {
        return validate(client.call(region, token, null), organizationKey);
    }

    /** Validation for an existing account: its calls count against the account's rate limit and project share. */
    public Identity validate(Region region, String token, String organizationKey, String accountId, String project) {
        return validate(client.call(region, token, accountId, project), organizationKey);
    }

    private Identity validate(SonarCall call, String organizationKey) {
        Region region = call.region();
        try {
            JsonNode validation = client.execute(call, SonarRequest.get("api/authentication/validate", null)).json(mapper);
            if (!validation.path("valid").asBoolean(false)) {
                throw invalidCredentials();
            }
            JsonNode organizations = client.execute(call, SonarRequest.get("api/organizations/search",
                    SonarRequest.params("organizations", organizationKey, "member", "true"))).json(mapper);
            boolean member = false;
            for (JsonNode organization : organizations.path("organizations")) {
                member |= organizationKey.equals(organization.path("key").asString(null));
            }
            if (!member) {
                throw ApiException.of(ErrorCode.ORGANIZATION_NOT_ACCESSIBLE,
                        "The token is valid but is not a member of organization '" + organizationKey
                                + "' in region " + region.id() + " (or the organization does not exist there)");
            }
            JsonNode user = client.execute(call, SonarRequest.get("api/users/current", null)).json(mapper);
            return new Identity(user.path("login").asString(null), user.path("name").asString(null));
        } catch (SonarClientError e) {
            if (e.status() == 401) {
                throw invalidCredentials().withProviderErrors(List.of(errors.providerError(e.response())));
            }
            throw errors.passThrough(e);
        }
    }

    private static ApiException invalidCredentials() {
        return ApiException.of(ErrorCode.INVALID_CREDENTIALS, "SonarQube Cloud does not accept this token");
    }
}
