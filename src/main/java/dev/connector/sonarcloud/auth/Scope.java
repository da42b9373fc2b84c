package dev.connector.sonarcloud.auth;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do; configured by its lowercase id ({@code actions:read}). */
public enum Scope {
    CONNECT("connect"),
    ACCOUNTS("accounts"),
    ACTIONS_READ("actions:read"),
    ACTIONS_WRITE("actions:write"),
    /** Webhook subscriptions and their delivery logs. */
    WEBHOOKS("webhooks"),
    /** Operator tasks such as re-encrypting credentials after a key rotation. */
    ADMIN("admin");

    private final String id;

    Scope(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Scope> parse(String id) {
        return Arrays.stream(values()).filter(scope -> scope.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
