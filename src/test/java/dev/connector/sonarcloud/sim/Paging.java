package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** SonarQube's {@code p}/{@code ps} parameters, checked as SonarQube checks them. */
record Paging(int page, int size) {

    /** Search endpoints refuse to return anything past this result. */
    static final int MAX_RESULTS = 10_000;

    static Paging parse(ApiRequest request, int defaultSize, int maxSize) {
        int page = request.intParam("p", 1);
        int size = request.intParam("ps", defaultSize);
        if (page < 1) {
            throw SonarApiException.badRequest("'p' value (" + page + ") must be greater than 0");
        }
        if (size < 1) {
            throw SonarApiException.badRequest("'ps' value (" + size + ") must be greater than 0");
        }
        if (size > maxSize) {
            throw SonarApiException.badRequest("'ps' value (" + size + ") must be less than " + maxSize);
        }
        return new Paging(page, size);
    }

    /** The 10,000-result cap of the issue and hotspot searches. */
    Paging capped() {
        long last = (long) page * size;
        if (last > MAX_RESULTS) {
            throw SonarApiException.badRequest(
                    "Can return only the first " + MAX_RESULTS + " results. " + last + "th result asked.");
        }
        return this;
    }

    <T> List<T> slice(List<T> all) {
        long from = (long) (page - 1) * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }

    ObjectNode json(int total) {
        return Json.paging(page, size, total);
    }
}
