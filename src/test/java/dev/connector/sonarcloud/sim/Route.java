package dev.connector.sonarcloud.sim;

import java.util.List;

/** One web API endpoint: who may call it, which parameters it needs, and what it answers. */
record Route(String method, String path, Access access, List<String> requiredParams, Handler handler) {

    enum Access {
        /** The handler deals with missing or unknown tokens itself. */
        ANYONE,
        /** A known token. */
        TOKEN,
        /** A known token and the {@code organization} parameter. */
        ORGANIZATION,
        /** A known token and either {@code organization} or {@code project}. */
        ORGANIZATION_OR_PROJECT
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call);
    }

    static Route get(String path, Access access, Handler handler, String... requiredParams) {
        return new Route("GET", path, access, List.of(requiredParams), handler);
    }

    static Route post(String path, Access access, Handler handler, String... requiredParams) {
        return new Route("POST", path, access, List.of(requiredParams), handler);
    }
}
