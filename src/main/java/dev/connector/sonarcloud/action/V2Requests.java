package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sonar.SonarRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Web API v2 requests: {@code {name}} path segments filled (URL-encoded) from the inputs or the organization's v2
 * id, the other parameters in the query of a GET or DELETE, or as a JSON object body otherwise, typed as their
 * {@link Param}s say (numbers, booleans, lists).
 */
final class V2Requests {

    private static final Pattern SEGMENT = Pattern.compile("\\{([a-z_]+)}");

    private V2Requests() {
    }

    static SonarRequest request(Upstream endpoint, Map<String, String> parameters, Map<String, String> inputs,
                                List<Param> types, String organizationId) {
        Map<String, String> remaining = new LinkedHashMap<>(parameters);
        if (organizationId != null && !endpoint.path().contains("{" + endpoint.organizationIdAs() + "}")) {
            remaining.put(endpoint.organizationIdAs(), organizationId);
        }
        Matcher segments = SEGMENT.matcher(endpoint.path());
        StringBuilder path = new StringBuilder();
        while (segments.find()) {
            String name = segments.group(1);
            String value = name.equals(endpoint.organizationIdAs()) ? organizationId : inputs.get(name);
            if (value == null) {
                throw new IllegalStateException("no value for {" + name + "} of " + endpoint.path());
            }
            segments.appendReplacement(path, Matcher.quoteReplacement(
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        segments.appendTail(path);
        boolean queryOnly = endpoint.method() == HttpMethod.GET || endpoint.method() == HttpMethod.DELETE;
        if (queryOnly) {
            return SonarRequest.v2(endpoint.method(), path.toString(), remaining, null, endpoint.path());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        remaining.forEach((name, value) -> body.set(name, typed(name, value, types)));
        return SonarRequest.v2(endpoint.method(), path.toString(), Map.of(), body.toString(), endpoint.path());
    }

    private static tools.jackson.databind.JsonNode typed(String sonarName, String value, List<Param> types) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (Param param : types) {
            if (param.sonarName().equals(sonarName)) {
                return switch (param.type()) {
                    case INTEGER -> nodes.numberNode(Long.parseLong(value));
                    case BOOLEAN -> nodes.booleanNode(Boolean.parseBoolean(value));
                    case LIST -> {
                        ArrayNode items = nodes.arrayNode();
                        for (String item : value.split(",")) {
                            items.add(item);
                        }
                        yield items;
                    }
                    default -> nodes.stringNode(value);
                };
            }
        }
        return nodes.stringNode(value);
    }
}
