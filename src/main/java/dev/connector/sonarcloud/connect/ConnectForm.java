package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.account.OwnerText;
import dev.connector.sonarcloud.account.TokenCredential;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Hub's linked-account form. Owner fields are only read when the caller uses an API key
 * (with a session token the owner comes from the session).
 */
public record ConnectForm(String personalAccessToken, String organizationKey, String region,
                          String originOwnerId, String originOwnerName, String originUsername, String label,
                          Boolean multiple) {

    public static ConnectForm fromForm(Map<String, String> form) {
        String multiple = form.get("multiple");
        return new ConnectForm(form.get("personal_access_token"), form.get("organization_key"), form.get("region"),
                form.get("origin_owner_id"), form.get("origin_owner_name"), form.get("origin_username"),
                form.get("label"), multiple == null ? null : Boolean.valueOf(multiple));
    }

    /** The credential part, checked for shape before anything reaches SonarQube Cloud. */
    public TokenCredential credential() {
        return TokenCredential.parse(personalAccessToken, organizationKey, region);
    }

    /** Owner fields sent with an API key. */
    public void requireOwner() {
        List<ApiException.FieldError> errors = new ArrayList<>();
        OwnerText.check(errors, "origin_owner_id", originOwnerId, true);
        OwnerText.check(errors, "origin_owner_name", originOwnerName, true);
        OwnerText.check(errors, "origin_username", originUsername, false);
        OwnerText.check(errors, "label", label, false);
        if (!errors.isEmpty()) {
            throw ApiException.validation("The form has invalid fields", errors);
        }
    }

    @Override
    public String toString() {
        return "ConnectForm[organizationKey=" + organizationKey + ", region=" + region + ", originOwnerId=" + originOwnerId + "]";
    }
}
