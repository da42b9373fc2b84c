package dev.connector.sonarcloud.auth;

import dev.connector.sonarcloud.web.ApiException;
import java.util.Set;

/** Who is calling: the project (tenant) an API key belongs to, and what it may do. */
public record Caller(String project, Set<Scope> scopes) {

    public static final String ATTRIBUTE = Caller.class.getName();

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public void require(Scope scope) {
        if (!has(scope)) {
            throw ApiException.forbidden("This API key lacks the '" + scope + "' scope");
        }
    }
}
