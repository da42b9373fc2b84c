package dev.connector.sonarcloud.sim;

import java.util.List;

/** One web API endpoint: who may call it, which parameters it needs, and what it answers. */
record Route(String method, String path, Access access, List<String> requiredParams, Handler handler,
             boolean needsAdmin) {

    enum Access {
        /** The handler deals with missing or unknown tokens itself. */
        ANYONE,
        /** A known token. */
        TOKEN,
        /** A known token and the {@code organization} parameter. */
        ORGANIZATION,
        /** A known token and either {@code organization} or {@code project}. */
        ORGANIZATION_OR_PROJECT,
        /** A known token and either {@code organization} or {@code component}. */
        ORGANIZATION_OR_COMPONENT
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call);
    }

    static Route get(String path, Access access, Handler handler, String... requiredParams) {
        return new Route("GET", path, access, List.of(requiredParams), handler, false);
    }

    static Route post(String path, Access access, Handler handler, String... requiredParams) {
        return new Route("POST", path, access, List.of(requiredParams), handler, false);
    }

    /**
     * The same route, needing Administer on the organization (or on the project named by {@code project},
     * {@code projectKey} or {@code component}): SonarQube answers 404 for an unknown project first, then 403.
     */
    Route admin() {
        return new Route(method, path, access, requiredParams, handler, true);
    }
}
