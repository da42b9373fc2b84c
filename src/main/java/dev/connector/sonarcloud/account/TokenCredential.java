package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.sonar.Region;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A token for an organization in a region, checked for shape before anything reaches SonarQube Cloud. */
public record TokenCredential(String token, String organizationKey, Region region) {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{8,256}");
    private static final Pattern ORGANIZATION_KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,254}", Pattern.CASE_INSENSITIVE);

    /** The form fields as given (a blank region means EU); every shape problem is reported at once. */
    public static TokenCredential parse(String token, String organizationKey, String region) {
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
        return new TokenCredential(trimmedToken, org, parsed);
    }

    @Override
    public String toString() {
        return "TokenCredential[organizationKey=" + organizationKey + ", region=" + region + "]";
    }
}
