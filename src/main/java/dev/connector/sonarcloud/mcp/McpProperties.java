package dev.connector.sonarcloud.mcp;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MCP endpoint's settings.
 *
 * @param allowedOrigins browser origins allowed to call {@code /mcp} ({@code CONNECTOR_MCP_ALLOWED_ORIGINS});
 *                       a request carrying any other {@code Origin} is refused (DNS rebinding protection).
 *                       Agent hosts and backends send no {@code Origin} and are not affected.
 * @param toolsPageSize  tools per {@code tools/list} page
 * @param sessionTtl     how long an {@code Mcp-Session-Id} stays valid after {@code initialize}
 */
@ConfigurationProperties("connector.mcp")
public record McpProperties(@DefaultValue("") List<String> allowedOrigins,
                            @DefaultValue("25") int toolsPageSize,
                            @DefaultValue("24h") Duration sessionTtl) {

    public McpProperties {
        allowedOrigins = allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        if (toolsPageSize < 1) {
            throw new IllegalStateException("connector.mcp.tools-page-size must be at least 1");
        }
    }
}
