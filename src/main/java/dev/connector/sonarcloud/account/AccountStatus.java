package dev.connector.sonarcloud.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A linked account's status, stored and shown in its lowercase form. Only an active account runs actions. */
public enum AccountStatus {
    ACTIVE("active"),
    INACTIVE("inactive"),
    ERROR("error"),
    EXPIRED("expired");

    private final String id;

    AccountStatus(String id) {
        this.id = id;
    }

    /** The stored and shown form, e.g. {@code active}. */
    public String id() {
        return id;
    }

    public static Optional<AccountStatus> parse(String id) {
        return Arrays.stream(values()).filter(status -> status.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(AccountStatus::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
