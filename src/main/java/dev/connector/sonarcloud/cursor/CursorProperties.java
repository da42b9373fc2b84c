package dev.connector.sonarcloud.cursor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code connector.cursor-secret}: the key signing paging cursors; empty means derived from the credential keyset. */
@ConfigurationProperties("connector")
public record CursorProperties(String cursorSecret) {

    @Override
    public String toString() {
        return "CursorProperties[hidden]";
    }
}
