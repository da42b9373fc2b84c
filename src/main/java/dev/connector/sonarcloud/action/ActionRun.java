package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.account.AccountCredential;
import dev.connector.sonarcloud.sonar.SonarRequest;
import dev.connector.sonarcloud.sonar.SonarResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One execution of an action: its checked input (in SonarQube's text form), the account it runs as, the page
 * requested, and the way to SonarQube Cloud (bound to the account, errors already mapped).
 */
public final class ActionRun {

    private final ActionDefinition definition;
    private final AccountCredential account;
    private final Map<String, String> inputs;
    private final int pageSize;
    private final ObjectNode cursorState;
    private final Function<SonarRequest, SonarResponse> upstream;
    private final Function<ObjectNode, String> cursorEncoder;
    private final Function<SonarResponse, JsonNode> jsonReader;

    ActionRun(ActionDefinition definition, AccountCredential account, Map<String, String> inputs, int pageSize,
              ObjectNode cursorState, Function<SonarRequest, SonarResponse> upstream,
              Function<ObjectNode, String> cursorEncoder, Function<SonarResponse, JsonNode> jsonReader) {
        this.definition = definition;
        this.account = account;
        this.inputs = inputs;
        this.pageSize = pageSize;
        this.cursorState = cursorState;
        this.upstream = upstream;
        this.cursorEncoder = cursorEncoder;
        this.jsonReader = jsonReader;
    }

    public ActionDefinition definition() {
        return definition;
    }

    public String organization() {
        return account.organizationKey();
    }

    /** A checked input by its caller-facing name, in SonarQube's text form; null when absent. */
    public String input(String name) {
        return inputs.get(name);
    }

    /** Every given input under its SonarQube parameter name. */
    public Map<String, String> sonarParams() {
        Map<String, String> params = new LinkedHashMap<>();
        for (Param param : definition.params()) {
            String value = inputs.get(param.name());
            if (value != null) {
                params.put(param.sonarName(), value);
            }
        }
        return params;
    }

    public int pageSize() {
        return pageSize;
    }

    /** The state of the cursor the caller sent, or null on the first page. */
    public ObjectNode cursorState() {
        return cursorState;
    }

    public String cursor(ObjectNode state) {
        return state == null ? null : cursorEncoder.apply(state);
    }

    public SonarResponse call(SonarRequest request) {
        return upstream.apply(request);
    }

    public JsonNode callJson(SonarRequest request) {
        return jsonReader.apply(upstream.apply(request));
    }
}
