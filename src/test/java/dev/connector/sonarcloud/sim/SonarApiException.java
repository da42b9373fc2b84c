package dev.connector.sonarcloud.sim;

/** An error the simulator answers with a v1 body {@code {"errors":[{"msg":...}]}}. */
final class SonarApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    SonarApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static SonarApiException badRequest(String message) {
        return new SonarApiException(400, message);
    }

    static SonarApiException unauthorized() {
        return new SonarApiException(401, "Authentication is required");
    }

    static SonarApiException forbidden() {
        return new SonarApiException(403, "Insufficient privileges");
    }

    static SonarApiException notFound(String message) {
        return new SonarApiException(404, message);
    }

    static SonarApiException missingParameter(String name) {
        return badRequest("The '" + name + "' parameter is missing");
    }
}
