package dev.connector.sonarcloud.auth;

/** The scopes an API key can carry (DESIGN section 4). */
public final class Scope {

    public static final String CONNECT = "connect";
    public static final String ACCOUNTS = "accounts";
    public static final String ACTIONS_READ = "actions:read";
    public static final String ACTIONS_WRITE = "actions:write";
    /** Webhook subscriptions and their delivery logs. */
    public static final String WEBHOOKS = "webhooks";
    /** Operator tasks such as re-encrypting credentials after a key rotation. */
    public static final String ADMIN = "admin";

    private Scope() {
    }
}
