package dev.connector.sonarcloud.event;

import java.util.Arrays;
import java.util.Optional;

/** What callers can subscribe to. {@code ping} is only sent by {@code POST /webhooks/{id}/test}. */
public enum EventType {
    ACCOUNT_CREATED("account.created"),
    ACCOUNT_UPDATED("account.updated"),
    ACCOUNT_DELETED("account.deleted"),
    ACCOUNT_ERROR("account.error"),
    ACCOUNT_EXPIRED("account.expired"),
    ACCOUNT_TOKEN_EXPIRING("account.token_expiring"),
    PING("ping");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean subscribable() {
        return this != PING;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
