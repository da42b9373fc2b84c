package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.web.ApiException;
import java.util.List;

/** Owner and label text as stored with an account: checked the same way by /connect, connect sessions and PATCH. */
public final class OwnerText {

    static final int MAX_LENGTH = 255;

    private OwnerText() {
    }

    /** Present when required, at most 255 characters, no control characters, well-formed Unicode. */
    public static void check(List<ApiException.FieldError> errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new ApiException.FieldError(field, "is required and must not be blank"));
            }
        } else if (value.length() > MAX_LENGTH) {
            errors.add(new ApiException.FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
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
}
