package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.sonar.Region;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Hub's linked-account form. Owner fields are only read when the caller uses an API key
 * (with a session token the owner comes from the session).
 */
public record ConnectForm(String personalAccessToken, String organizationKey, String region,
                          String originOwnerId, String originOwnerName, String originUsername, String label,
                          Boolean multiple) {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{8,256}");
    private static final Pattern ORGANIZATION_KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,254}", Pattern.CASE_INSENSITIVE);
    private static final int MAX_TEXT = 255;

    public static ConnectForm fromForm(Map<String, String> form) {
        String multiple = form.get("multiple");
        return new ConnectForm(form.get("personal_access_token"), form.get("organization_key"), form.get("region"),
                form.get("origin_owner_id"), form.get("origin_owner_name"), form.get("origin_username"),
                form.get("label"), multiple == null ? null : Boolean.valueOf(multiple));
    }

    /** The credential part, checked for shape before anything reaches SonarQube Cloud. */
    public record Credential(String token, String organizationKey, Region region) {
        @Override
        public String toString() {
            return "Credential[organizationKey=" + organizationKey + ", region=" + region + "]";
        }
    }

    public Credential credential() {
        return credential(personalAccessToken, organizationKey, region);
    }

    public static Credential credential(String token, String organizationKey, String region) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        String trimmedToken = token == null ? "" : token.strip();
        if (trimmedToken.isEmpty()) {
            errors.add(new ApiException.FieldError("personal_access_token", "is required and must not be blank"));
        } else if (!TOKEN.matcher(trimmedToken).matches()) {
            errors.add(new ApiException.FieldError("personal_access_token",
                    "must be 8 to 256 visible ASCII characters without spaces or control characters"));
        }
        String org = organizationKey == null ? "" : organizationKey.strip();
        if (org.isEmpty()) {
            errors.add(new ApiException.FieldError("organization_key", "is required and must not be blank"));
        } else if (!ORGANIZATION_KEY.matcher(org).matches()) {
            errors.add(new ApiException.FieldError("organization_key",
                    "must be 1 to 255 letters, digits, '-', '_' or '.', starting with a letter or digit"));
        }
        Region parsed = Region.parse(region).orElse(null);
        if (parsed == null) {
            errors.add(new ApiException.FieldError("region", "must be one of: " + Region.ALLOWED + " (or absent for eu)"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The form has invalid fields", errors);
        }
        return new Credential(trimmedToken, org, parsed);
    }

    /** Owner fields sent with an API key. */
    public void requireOwner() {
        List<ApiException.FieldError> errors = new ArrayList<>();
        requireText(errors, "origin_owner_id", originOwnerId, true);
        requireText(errors, "origin_owner_name", originOwnerName, true);
        requireText(errors, "origin_username", originUsername, false);
        requireText(errors, "label", label, false);
        if (!errors.isEmpty()) {
            throw ApiException.validation("The form has invalid fields", errors);
        }
    }

    /** Owner and label text: present when required, at most 255 characters, no control characters, well-formed. */
    public static void requireText(List<ApiException.FieldError> errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new ApiException.FieldError(field, "is required and must not be blank"));
            }
        } else if (value.length() > MAX_TEXT) {
            errors.add(new ApiException.FieldError(field, "must be at most " + MAX_TEXT + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new ApiException.FieldError(field, "must not contain control characters"));
        } else if (hasLoneSurrogate(value)) {
            // PostgreSQL's UTF-8 cannot hold one: it would be stored as '?' and distinct values would collapse
            errors.add(new ApiException.FieldError(field, "must be valid Unicode (no unpaired surrogate)"));
        }
    }

    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ConnectForm[organizationKey=" + organizationKey + ", region=" + region + ", originOwnerId=" + originOwnerId + "]";
    }
}
