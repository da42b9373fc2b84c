package dev.connector.sonarcloud.hub;

import dev.connector.sonarcloud.connect.ConnectForm;
import dev.connector.sonarcloud.sonar.Region;
import dev.connector.sonarcloud.web.ApiException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Errors as the person at the form reads them (the Hub shows {@code message}; the hosted page too). Status, code
 * and field errors stay as they are for programs; only the words change.
 */
final class HubMessages {

    private static final Map<String, String> LABELS = Map.of(
            "personal_access_token", "Personal Access Token",
            "organization_key", "Organization Key",
            "region", "Region");

    private HubMessages() {
    }

    static <T> T readable(Supplier<T> call, ConnectForm form) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw e.withDetail(words(e, form));
        }
    }

    static String words(ApiException e, ConnectForm form) {
        String region = Region.parse(form.region()).map(r -> r == Region.US ? "US (sonarqube.us)" : "EU (sonarcloud.io)")
                .orElse("chosen");
        return switch (e.error()) {
            case INVALID_CREDENTIALS -> "That token was not accepted by SonarQube Cloud. Check that you copied all 40 "
                    + "characters, that the token has not expired (60 days after its last use) and that it was made in "
                    + "the " + region + " region.";
            case ORGANIZATION_NOT_ACCESSIBLE -> "This token cannot see organization '"
                    + (form.organizationKey() == null ? "" : form.organizationKey().strip())
                    + "'. Check the Organization Key, or use a token of a member of that organization.";
            case VALIDATION_FAILED -> fields(e);
            case UNAUTHORIZED -> "This connection link has expired or was already used. Ask for a new one.";
            case RATE_LIMITED -> "Too many attempts in a short time. Wait a minute, then try again.";
            default -> e.status() >= 500
                    ? "SonarQube Cloud could not be reached just now. Nothing was saved; try again in a minute."
                    : e.getMessage();
        };
    }

    private static String fields(ApiException e) {
        Set<String> sentences = new LinkedHashSet<>();
        for (ApiException.FieldError error : e.errors()) {
            String label = LABELS.get(error.field());
            if (label == null) {
                sentences.add(e.getMessage());
            } else if (error.message() != null && error.message().startsWith("is required")) {
                sentences.add("Enter your " + label + ".");
            } else {
                sentences.add(label + " " + error.message() + ".");
            }
        }
        return sentences.isEmpty() ? e.getMessage() : String.join(" ", sentences);
    }
}
