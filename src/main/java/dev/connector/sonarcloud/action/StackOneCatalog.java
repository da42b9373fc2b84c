package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.account.AccountModels;
import dev.connector.sonarcloud.account.AccountView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The catalog in StackOne's grouped shape ({@code {data: [{key, name, …, actions: [...]}], next}}), which its SDK
 * parses: the input schema travels in {@code operation_details}, where the SDK passes it through, and each action
 * keeps this project's own members beside StackOne's.
 */
@Component
public class StackOneCatalog implements AccountModels {

    static final String CONNECTOR_VERSION = "1.0.0";

    private final ActionRegistry registry;

    public StackOneCatalog(ActionRegistry registry) {
        this.registry = registry;
    }

    /**
     * Filters StackOne's SDK sends: {@code filter[connectors]} (comma-separated), {@code filter[action_key]};
     * {@code filter[account_ids]}, {@code group_by}, {@code include} and {@code page_size} change nothing here (one
     * connector, every account offers every action). This project's own filters apply too: {@code domain},
     * {@code read_only} ({@code true}/{@code false}, checked by the caller) and {@code q} (text in id, label or
     * description). The whole catalog is one page: {@code next} is null.
     */
    public Map<String, Object> grouped(MultiValueMap<String, String> query) {
        List<String> connectors = splitAll(query.get("filter[connectors]"));
        String actionKey = query.getFirst("filter[action_key]");
        String domain = query.getFirst("domain");
        String readOnly = query.getFirst("read_only");
        String text = query.getFirst("q");
        String needle = text == null ? null : text.strip().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> data = new ArrayList<>();
        if (connectors.isEmpty() || connectors.contains(AccountView.PROVIDER)) {
            List<Map<String, Object>> actions = registry.all().stream()
                    .filter(action -> actionKey == null || actionKey.isBlank() || action.id().equals(actionKey.strip()))
                    .filter(action -> domain == null || action.domain().equals(domain))
                    .filter(action -> readOnly == null || action.readOnly() == Boolean.parseBoolean(readOnly))
                    .filter(action -> needle == null || (action.id() + "\n" + action.label() + "\n" + action.description())
                            .toLowerCase(Locale.ROOT).contains(needle))
                    .map(StackOneCatalog::entry).toList();
            Map<String, Object> connector = new LinkedHashMap<>();
            connector.put("key", AccountView.PROVIDER);
            connector.put("name", AccountView.PROVIDER_NAME);
            connector.put("description", "SonarQube Cloud (EU sonarcloud.io, US sonarqube.us): projects, issues, "
                    + "security hotspots, measures, quality gates, analyses, rules, webhooks and sources");
            connector.put("icon", ServletUriComponentsBuilder.fromCurrentContextPath().path("/hub/logo.svg").toUriString());
            connector.put("version", CONNECTOR_VERSION);
            connector.put("authentication", List.of(Map.of("key", "api_key", "label", "Personal Access Token",
                    "type", "custom")));
            connector.put("actions", actions);
            data.add(connector);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("next", null);
        return body;
    }

    static Map<String, Object> entry(ActionDefinition action) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", action.id());
        entry.put("label", action.label());
        entry.put("description", action.description());
        entry.put("schema_type", "native");
        entry.put("tags", List.of(action.domain(), action.readOnly() ? "read" : "write"));
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("method", action.method().name());
        operation.put("path", action.route());
        operation.put("input_schema", ActionSchemas.inputSchema(action));
        entry.put("operation_details", operation);
        entry.put("domain", action.domain());
        entry.put("method", action.method().name());
        entry.put("path", action.route());
        entry.put("read_only", action.readOnly());
        entry.put("destructive", action.destructive());
        entry.put("paged", action.paged());
        entry.put("input_schema", ActionSchemas.inputSchema(action));
        entry.put("output_fields", action.outputFields());
        entry.put(ActionSchemas.ENDPOINT_EXTENSION, ActionSchemas.endpoint(action.upstream()));
        entry.put(ActionSchemas.PERMISSION_EXTENSION, action.permission().id());
        return entry;
    }

    /** Action ids by domain, for StackOne's account meta. */
    @Override
    public Map<String, Object> get() {
        Map<String, List<String>> byDomain = new TreeMap<>();
        registry.all().forEach(action -> byDomain.computeIfAbsent(action.domain(), d -> new ArrayList<>()).add(action.id()));
        Map<String, Object> models = new LinkedHashMap<>();
        byDomain.forEach((domain, ids) -> models.put(domain, Map.of("actions", ids)));
        return models;
    }

    private static List<String> splitAll(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }
}
