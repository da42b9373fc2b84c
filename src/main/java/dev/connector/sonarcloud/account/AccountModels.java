package dev.connector.sonarcloud.account;

import java.util.Map;

/** What an account offers, for StackOne's account meta ({@code models}); the action catalog provides it. */
public interface AccountModels {
    Map<String, Object> get();
}
