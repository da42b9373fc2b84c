package dev.connector.sonarcloud.action;

import java.util.Locale;

/** How an action was asked for: its REST route, StackOne's RPC form, or an MCP tool call (a metrics tag). */
public enum Transport {
    REST, RPC, MCP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
