package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The action catalog as other software reads it, and the framework every action shares: each catalog entry's schema
 * is real JSON Schema, its route answers, its REST and RPC forms agree, and scopes and accounts are checked before
 * anything reaches SonarQube Cloud.
 */
class CatalogTest extends IntegrationTest {

    /** The first 39 actions; the catalog has grown around them (at least 130 in all). */
    static final Set<String> FIRST_ACTION_IDS = Set.of("sonarcloud_validate_credentials", "sonarcloud_get_organization",
            "sonarcloud_list_organization_members", "sonarcloud_get_current_user", "sonarcloud_list_projects",
            "sonarcloud_get_project", "sonarcloud_list_components", "sonarcloud_search_issues", "sonarcloud_get_issue",
            "sonarcloud_transition_issue", "sonarcloud_add_issue_comment", "sonarcloud_assign_issue",
            "sonarcloud_set_issue_tags", "sonarcloud_get_issue_changelog", "sonarcloud_search_hotspots",
            "sonarcloud_get_hotspot", "sonarcloud_change_hotspot_status", "sonarcloud_get_component_measures",
            "sonarcloud_get_component_tree_measures", "sonarcloud_get_measures_history", "sonarcloud_list_metrics",
            "sonarcloud_get_project_quality_gate_status", "sonarcloud_list_quality_gates", "sonarcloud_get_quality_gate",
            "sonarcloud_list_analyses", "sonarcloud_list_branches", "sonarcloud_list_pull_requests",
            "sonarcloud_search_rules", "sonarcloud_get_rule", "sonarcloud_list_quality_profiles",
            "sonarcloud_list_languages", "sonarcloud_list_webhooks", "sonarcloud_create_webhook",
            "sonarcloud_delete_webhook", "sonarcloud_get_source_lines", "sonarcloud_get_raw_source",
            "sonarcloud_get_duplications", "sonarcloud_list_background_tasks", "sonarcloud_get_background_task");

    private static final String PROJECT = SimulatorDefaults.EU_PROJECT;
    private static final String FILE = PROJECT + ":Priority.java";

    /** Issue writes: the simulator stamps the answer's updated_at with the current second. */
    private static final Set<String> STAMPED_NOW = Set.of("sonarcloud_transition_issue", "sonarcloud_add_issue_comment",
            "sonarcloud_assign_issue", "sonarcloud_set_issue_tags");

    /** Sample values of one action: path-template values, and its other inputs (query of a read, body of a write). */
    record Sample(Map<String, String> path, Map<String, Object> inputs) {
        Sample at(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(path);
            copy.put(name, value);
            return new Sample(copy, inputs);
        }

        Sample with(String name, Object value) {
            Map<String, Object> copy = new LinkedHashMap<>(inputs);
            copy.put(name, value);
            return new Sample(path, copy);
        }

        /** Everything as one JSON object, as the catalog's input_schema describes it. */
        ObjectNode asInput() {
            ObjectNode input = Api.JSON.valueToTree(inputs);
            path.forEach(input::put);
            return input;
        }
    }

    private static Sample sample() {
        return new Sample(Map.of(), Map.of());
    }

    /** Inputs every action succeeds with against the simulator. A paged action also gets page_size 2. */
    static final Map<String, Sample> SAMPLES = samples();

    private static Map<String, Sample> samples() {
        Map<String, Sample> s = new LinkedHashMap<>();
        s.put("sonarcloud_validate_credentials", sample());
        s.put("sonarcloud_get_organization", sample());
        s.put("sonarcloud_list_organization_members", sample().with("q", "ada"));
        s.put("sonarcloud_get_current_user", sample());
        s.put("sonarcloud_list_projects", sample());
        s.put("sonarcloud_get_project", sample().at("project_key", PROJECT).with("branch", "main"));
        s.put("sonarcloud_list_components", sample().at("project_key", PROJECT).with("qualifiers", List.of("FIL")));
        s.put("sonarcloud_search_issues", sample().with("projects", List.of(PROJECT))
                .with("severities", List.of("MAJOR", "MINOR")).with("created_after", "2025-01-01T00:01:00Z")
                .with("resolved", false));
        s.put("sonarcloud_get_issue", sample().at("issue_key", SimulatorDefaults.EU_FIRST_ISSUE));
        s.put("sonarcloud_transition_issue", sample().at("issue_key", SimulatorDefaults.EU_FIRST_ISSUE)
                .with("transition", "confirm").with("comment", "Seen"));
        s.put("sonarcloud_add_issue_comment", sample().at("issue_key", SimulatorDefaults.EU_FIRST_ISSUE)
                .with("text", "Looks *fine*"));
        s.put("sonarcloud_assign_issue", sample().at("issue_key", SimulatorDefaults.EU_FIRST_ISSUE)
                .with("assignee", "ada.lovelace"));
        s.put("sonarcloud_set_issue_tags", sample().at("issue_key", SimulatorDefaults.EU_FIRST_ISSUE)
                .with("tags", List.of("security", "later")));
        s.put("sonarcloud_get_issue_changelog", sample().at("issue_key", SimulatorDefaults.EU_FIRST_ISSUE));
        s.put("sonarcloud_search_hotspots", sample().at("project_key", PROJECT).with("status", "REVIEWED"));
        s.put("sonarcloud_get_hotspot", sample().at("hotspot_key", SimulatorDefaults.EU_FIRST_HOTSPOT));
        s.put("sonarcloud_change_hotspot_status", sample().at("hotspot_key", SimulatorDefaults.EU_FIRST_HOTSPOT)
                .with("status", "REVIEWED").with("resolution", "SAFE").with("comment", "Test data only"));
        s.put("sonarcloud_get_component_measures", sample().at("project_key", PROJECT)
                .with("metric_keys", List.of("complexity", "ncloc")).with("additional_fields", List.of("metrics")));
        s.put("sonarcloud_get_component_tree_measures", sample().at("project_key", PROJECT)
                .with("metric_keys", List.of("ncloc")).with("qualifiers", List.of("FIL")));
        s.put("sonarcloud_get_measures_history", sample().at("project_key", PROJECT)
                .with("metrics", List.of("ncloc", "coverage")).with("from", "2017-01-01"));
        s.put("sonarcloud_list_metrics", sample());
        s.put("sonarcloud_get_project_quality_gate_status", sample().at("project_key", PROJECT));
        s.put("sonarcloud_list_quality_gates", sample());
        s.put("sonarcloud_get_quality_gate", sample().at("gate_id", SimulatorDefaults.EU_SONAR_WAY_GATE));
        s.put("sonarcloud_list_analyses", sample().at("project_key", PROJECT));
        s.put("sonarcloud_list_branches", sample().at("project_key", PROJECT));
        s.put("sonarcloud_list_pull_requests", sample().at("project_key", PROJECT));
        s.put("sonarcloud_search_rules", sample().with("languages", List.of("java")).with("severities", List.of("MAJOR")));
        s.put("sonarcloud_get_rule", sample().at("rule_key", "java:S1144"));
        s.put("sonarcloud_list_quality_profiles", sample().with("language", "java"));
        s.put("sonarcloud_list_languages", sample().with("q", "ja"));
        s.put("sonarcloud_list_webhooks", sample());
        s.put("sonarcloud_create_webhook", sample().with("name", "CI listener")
                .with("url", "https://ci.example.com/sonar-hook").with("secret", "s3cr3t-value-4711"));
        s.put("sonarcloud_delete_webhook", sample().at("webhook_key", "UUID-1"));
        s.put("sonarcloud_get_source_lines", sample().at("component_key", FILE).with("from", 1).with("to", 5));
        s.put("sonarcloud_get_raw_source", sample().at("component_key", FILE));
        s.put("sonarcloud_get_duplications", sample().at("component_key", FILE));
        s.put("sonarcloud_list_background_tasks", sample().with("component", PROJECT));
        s.put("sonarcloud_get_background_task", sample().at("task_id", "AYhSC2-LY0CHkWJxvNA9"));
        CatalogSamples.addTo(s);
        return s;
    }

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    // ---- the catalog

    @Test
    void catalogListsAtLeast130ActionsIncludingTheFirst39() {
        List<JsonNode> entries = catalog();
        Set<String> ids = entries.stream().map(entry -> entry.path("id").asString()).collect(Collectors.toSet());
        assertThat(ids).containsAll(FIRST_ACTION_IDS);
        assertThat(entries).hasSize(ids.size()).hasSizeGreaterThanOrEqualTo(130);
        assertThat(SAMPLES.keySet()).as("this test's sample table covers every action").isEqualTo(ids);
        String openApi = readOpenApi();
        for (JsonNode entry : entries) {
            String id = entry.path("id").asString();
            JsonNode endpoint = entry.path("x-sonarcloud-endpoint");
            assertThat(EU.serves(endpoint.path("method").asString(), endpoint.path("path").asString()))
                    .as(id + ": the simulator answers " + endpoint).isTrue();
            assertThat(openApi).as(id + " has its openapi.yaml operation").contains("operationId: " + id + "\n");
        }
        for (JsonNode entry : entries) {
            String id = entry.path("id").asString();
            assertThat(entry.path("label").asString()).as(id).isNotBlank();
            assertThat(entry.path("description").asString()).as(id).isNotBlank();
            assertThat(entry.path("path").asString()).as(id).startsWith("/actions/");
            assertThat(entry.path("method").asString()).as(id).isIn("GET", "POST", "PUT", "PATCH", "DELETE");
            assertThat(entry.path("read_only").isBoolean()).as(id).isTrue();
            assertThat(entry.path("read_only").asBoolean()).as(id).isEqualTo(entry.path("method").asString().equals("GET"));
            assertThat(entry.path("input_schema").isObject()).as(id).isTrue();
            // every path-template parameter is a required input of the schema
            Pattern.compile("\\{([a-z_]+)}").matcher(entry.path("path").asString()).results().forEach(match -> {
                assertThat(entry.path("input_schema").path("properties").has(match.group(1))).as(id).isTrue();
                assertThat(entry.path("input_schema").path("required")).as(id).contains(text(match.group(1)));
            });
        }
        // the catalog needs actions:read, nothing more
        assertThat(api().as(TestKeys.READ_ONLY).get("/actions").status()).isEqualTo(200);
        assertThat(api().as(TestKeys.NO_SCOPE).get("/actions").status()).isEqualTo(403);
        assertThat(api().get("/actions").status()).isEqualTo(401);
    }

    @Test
    void everyInputSchemaIsJsonSchema202012ThatAcceptsTheSampleAndRefusesNonsense() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (JsonNode entry : catalog()) {
            String id = entry.path("id").asString();
            JsonNode inputSchema = entry.path("input_schema");
            assertThat(inputSchema.path("$schema").asString()).as(id).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(metaSchema.validate(inputSchema)).as(id + " against the 2020-12 meta-schema").isEmpty();
            inputSchema.path("properties").properties().forEach(property -> {
                JsonNode pattern = property.getValue().path("pattern");
                if (pattern.isString()) {
                    assertEcmaScriptRegex(id + "." + property.getKey(), pattern.asString());
                }
            });

            Schema schema = registry.getSchema(inputSchema);
            ObjectNode good = SAMPLES.get(id).asInput();
            if (entry.path("paged").asBoolean()) {
                good.put("page_size", 2);
            }
            assertThat(schema.validate(good)).as(id + " accepts " + good).isEmpty();

            ObjectNode unknown = good.deepCopy().put("__not_a_parameter__", true);
            assertThat(schema.validate(unknown)).as(id + " refuses an unknown input").isNotEmpty();
            if (!inputSchema.path("required").isEmpty()) {
                assertThat(schema.validate(Api.JSON.createObjectNode())).as(id + " refuses missing required inputs").isNotEmpty();
            }
            if (entry.path("paged").asBoolean()) {
                assertThat(schema.validate(good.deepCopy().put("page_size", 0))).as(id).isNotEmpty();
                assertThat(schema.validate(good.deepCopy().put("page_size", 501))).as(id).isNotEmpty();
            }
        }
    }

    /**
     * JSON Schema's {@code pattern} is an ECMA-262 regular expression: JavaScript validators (ajv, …) refuse a schema
     * using Java-only syntax. Checks for the Java constructs ECMA-262 lacks.
     */
    private static void assertEcmaScriptRegex(String where, String pattern) {
        assertThat(pattern).as(where + ": inline flags or atomic groups").doesNotContainPattern("\\(\\?[a-zA-Z>]");
        assertThat(pattern).as(where + ": Java-only anchors or classes").doesNotContainPattern("\\\\[AZzhHRX]|\\\\p\\{(?:Cntrl|Alpha|Alnum|Punct|Graph|Print|Blank|Space|Lower|Upper|Digit|XDigit|ASCII|java)");
        assertThat(pattern).as(where + ": possessive quantifiers").doesNotContainPattern("[+*?}]\\+");
        assertThat(pattern).as(where + ": class intersections").doesNotContain("&&");
        Pattern.compile(pattern); // and it still compiles here
    }

    @Test
    void everyCatalogRouteIsRoutable() {
        for (JsonNode entry : catalog()) {
            String id = entry.path("id").asString();
            // without x-account-id: a route that matched its action answers 400 naming the header (404 otherwise)
            Api.Response response = full().send(entry.path("method").asString(), restPath(entry, SAMPLES.get(id)), null, null);
            assertThat(response.status()).as(id + " " + response).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asString()).as(id).isEqualTo("x-account-id");
        }
        assertThat(EU.requestCount() + US.requestCount()).isZero();
    }

    @Test
    void theCatalogFiltersByDomainReadOnlyAndText() {
        List<JsonNode> all = catalog();
        List<JsonNode> gates = entries("/actions?domain=quality_gates");
        assertThat(gates).isNotEmpty().allSatisfy(e -> assertThat(e.path("domain").asString()).isEqualTo("quality_gates"));
        assertThat(gates).hasSize((int) all.stream().filter(e -> e.path("domain").asString().equals("quality_gates")).count());
        List<JsonNode> writes = entries("/actions?read_only=false");
        List<JsonNode> reads = entries("/actions?read_only=true");
        assertThat(writes).allSatisfy(e -> assertThat(e.path("read_only").asBoolean()).isFalse());
        assertThat(writes.size() + reads.size()).isEqualTo(all.size());
        List<JsonNode> found = entries("/actions?q=PERMISSION%20TEMPLATE&read_only=false&domain=permissions");
        assertThat(found).extracting(e -> e.path("id").asString()).contains("sonarcloud_create_permission_template",
                "sonarcloud_delete_permission_template").doesNotContain("sonarcloud_list_permission_templates");
        assertThat(entries("/actions?domain=no_such_domain")).isEmpty();
        Api.Response bad = full().get("/actions?read_only=maybe");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("read_only");
        // every destructive action is a write, and deletes are destructive
        assertThat(all).allSatisfy(e -> {
            if (e.path("destructive").asBoolean()) {
                assertThat(e.path("read_only").asBoolean()).as(e.path("id").asString()).isFalse();
            }
            if (e.path("method").asString().equals("DELETE")) {
                assertThat(e.path("destructive").asBoolean()).as(e.path("id").asString()).isTrue();
            }
        });
    }

    private List<JsonNode> entries(String path) {
        Api.Response response = full().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        response.json().path("data").path(0).path("actions").forEach(entries::add); // the one connector group
        return entries;
    }

    private static String readOpenApi() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("openapi.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- REST and RPC

    @Test
    void everyActionAnswersTheSameByRestAndRpc() {
        for (JsonNode entry : catalog()) {
            String id = entry.path("id").asString();
            Sample sample = SAMPLES.get(id);
            EU.reset();
            Api.Response rest = rest(full().account(account), entry, sample);
            if (entry.path("paged").asBoolean()) {
                // page_size becomes SonarQube's ps (some simulated endpoints answer fixed example bodies, so the
                // request, not the count of items, is what shows it)
                // (v1: ps; v2: pageSize; the v2 organization id lookup is not the list itself)
                assertThat(EU.requests()).as(id).isNotEmpty()
                        .filteredOn(request -> !request.getUrl().startsWith("/organizations/organizations?"))
                        .allSatisfy(request -> {
                            var ps = request.queryParameter(request.getUrl().startsWith("/api/") ? "ps" : "pageSize");
                            assertThat(ps.isPresent()).as(id + " " + request.getUrl()).isTrue();
                            assertThat(Integer.parseInt(ps.firstValue())).as(id + " " + request.getUrl()).isBetween(1, 2);
                        });
            }
            Api.Response rpc = full().account(account).post("/actions/rpc", rpcBody(entry, sample));
            assertThat(rest.status()).as(id + " REST " + rest).isEqualTo(200);
            assertThat(rpc.status()).as(id + " RPC " + rpc).isEqualTo(rest.status());
            if (entry.path("output_fields").toString().equals("[\"content_type\",\"content\"]")) {
                // SonarQube's non-JSON answer: the content itself through REST, a string field through RPC
                JsonNode content = rpc.json().path("data");
                assertThat(rest.text()).as(id).isEqualTo(content.path("content").asString()).isNotBlank();
                assertThat(rest.contentType()).as(id).startsWith(content.path("content_type").asString().split(";")[0])
                        .doesNotContain("json");
                continue;
            }
            JsonNode restData = rest.json().path("data");
            JsonNode rpcData = rpc.json().path("data");
            if (STAMPED_NOW.contains(id)) {
                restData = withoutUpdatedAt(restData);
                rpcData = withoutUpdatedAt(rpcData);
            }
            assertThat(rpcData).as(id + " data").isEqualTo(restData);
            assertThat(restData.isArray() || restData.isObject()).as(id).isTrue();
            assertThat(rpc.json().has("next")).as(id + " next presence").isEqualTo(rest.json().has("next"));
            assertThat(rest.json().has("next")).as(id + " a list has next, an object not").isEqualTo(restData.isArray());
            // cursors are bound to the action, the account and the filters, not to the form of the call
            assertThat(rpc.json().path("next")).as(id + " next").isEqualTo(rest.json().path("next"));
        }
        assertThat(US.requestCount()).as("an EU account never reaches the US region").isZero();
    }

    @Test
    void aReadOnlyKeyGets403OnEveryWriteActionByRestAndRpcWithoutAnyUpstreamCall() {
        Api readOnly = api().as(TestKeys.READ_ONLY).account(account);
        List<String> writes = new ArrayList<>();
        for (JsonNode entry : catalog()) {
            if (entry.path("read_only").asBoolean()) {
                continue;
            }
            String id = entry.path("id").asString();
            writes.add(id);
            Api.Response rest = rest(readOnly, entry, SAMPLES.get(id));
            assertThat(rest.status()).as(id + " REST " + rest).isEqualTo(403);
            assertThat(rest.json().path("code").asString()).isEqualTo("forbidden");
            Api.Response rpc = readOnly.post("/actions/rpc", rpcBody(entry, SAMPLES.get(id)));
            assertThat(rpc.status()).as(id + " RPC " + rpc).isEqualTo(403);
            assertThat(rpc.json().path("code").asString()).isEqualTo("forbidden");
            // even with inputs that are wrong: the scope comes first
            Api.Response rpcBadInput = readOnly.post("/actions/rpc", Map.of("action", id, "body", Map.of("nonsense", 1)));
            assertThat(rpcBadInput.status()).as(id).isEqualTo(403);
        }
        assertThat(writes).contains("sonarcloud_transition_issue", "sonarcloud_add_issue_comment",
                "sonarcloud_assign_issue", "sonarcloud_set_issue_tags", "sonarcloud_change_hotspot_status",
                "sonarcloud_create_webhook", "sonarcloud_delete_webhook", "sonarcloud_grant_user_permission",
                "sonarcloud_delete_quality_gate").hasSizeGreaterThan(60);
        assertThat(EU.requestCount() + US.requestCount()).isZero();

        // the same key runs reads
        Api.Response read = readOnly.get("/actions/projects");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
    }

    // ---- accounts and malformed calls

    @Test
    void missingAccountHeaderIs400NamingIt() {
        for (Api caller : List.of(full(), full().header("x-account-id", "   "))) {
            Api.Response rest = caller.get("/actions/projects");
            assertThat(rest.status()).as(rest.toString()).isEqualTo(400);
            assertThat(rest.json().path("code").asString()).isEqualTo("validation_failed");
            assertThat(rest.json().path("errors").path(0).path("field").asString()).isEqualTo("x-account-id");
            Api.Response rpc = caller.post("/actions/rpc", Map.of("action", "sonarcloud_list_projects"));
            assertThat(rpc.status()).as(rpc.toString()).isEqualTo(400);
            assertThat(rpc.json().path("errors").path(0).path("field").asString()).isEqualTo("x-account-id");
            Api.Response write = caller.post("/actions/issues/" + SimulatorDefaults.EU_FIRST_ISSUE + "/assign", Map.of());
            assertThat(write.status()).as(write.toString()).isEqualTo(400);
            assertThat(write.json().path("errors").path(0).path("field").asString()).isEqualTo("x-account-id");
        }
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void unknownAndForeignAccountsAnswerTheSame404() {
        Api.Response linked = api().as(TestKeys.OTHER_PROJECT).post("/connect", Map.of(
                "personal_access_token", SimulatorDefaults.EU_TOKEN, "organization_key", SimulatorDefaults.EU_ORG,
                "region", "eu", "origin_owner_id", "owner-b", "origin_owner_name", "Owner B"));
        assertThat(linked.status()).as(linked.toString()).isIn(200, 201);
        String foreign = linked.json().path("id").asString();
        EU.reset();

        for (boolean viaRpc : List.of(false, true)) {
            List<JsonNode> bodies = new ArrayList<>();
            for (String id : List.of(foreign, UUID.randomUUID().toString(), "not-a-uuid")) {
                Api caller = full().account(id);
                Api.Response response = viaRpc
                        ? caller.post("/actions/rpc", Map.of("action", "sonarcloud_list_projects"))
                        : caller.get("/actions/projects");
                assertThat(response.status()).as(id + " " + response).isEqualTo(404);
                assertThat(response.json().path("code").asString()).isEqualTo("not_found");
                ObjectNode body = (ObjectNode) response.json().deepCopy();
                assertThat(body.remove("request_id")).isNotNull();
                assertThat(body.remove("timestamp")).isNotNull();
                bodies.add(body);
            }
            assertThat(bodies.get(1)).as("unknown id").isEqualTo(bodies.get(0));
            assertThat(bodies.get(2)).as("malformed id").isEqualTo(bodies.get(0));
        }
        // and the other way round: project B cannot use project A's account
        Api.Response reverse = api().as(TestKeys.OTHER_PROJECT).account(account).get("/actions/projects");
        assertThat(reverse.status()).isEqualTo(404);
        assertThat(EU.requestCount()).isZero();

        // project B's own account works for project B
        Api.Response own = api().as(TestKeys.OTHER_PROJECT).account(foreign).get("/actions/projects");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
    }

    @Test
    void malformedRpcBodiesAre400() {
        Api caller = full().account(account);
        for (String body : List.of("{not json", "", "[]", "\"sonarcloud_list_projects\"", "null",
                "{\"action\": [\"sonarcloud_list_projects\"]}",
                "{\"action\": \"sonarcloud_list_projects\", \"query\": \"page_size=2\"}",
                "{\"action\": \"sonarcloud_get_project\", \"path\": {\"project_key\": {\"a\": 1}}}",
                "{\"action\": \"sonarcloud_list_projects\"} trailing")) {
            Api.Response response = caller.send("POST", "/actions/rpc", "application/json", body);
            assertThat(response.status()).as(body + " → " + response).isEqualTo(400);
            assertThat(response.json().path("code").asString()).as(body).isEqualTo("validation_failed");
        }
        Api.Response noAction = caller.post("/actions/rpc", Map.of("query", Map.of("page_size", 2)));
        assertThat(noAction.status()).isEqualTo(400);
        assertThat(noAction.json().path("errors").path(0).path("field").asString()).isEqualTo("action");
        Api.Response badInput = caller.post("/actions/rpc", Map.of("action", "sonarcloud_list_projects",
                "query", Map.of("page_size", "lots")));
        assertThat(badInput.status()).isEqualTo(400);
        assertThat(badInput.json().path("errors").path(0).path("field").asString()).isEqualTo("page_size");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void unknownActionIdInRpcIs400() {
        for (String id : List.of("sonarcloud_launch_rockets", "SONARCLOUD_LIST_PROJECTS", "../actions/projects", " ")) {
            Api.Response response = full().account(account).post("/actions/rpc", Map.of("action", id));
            assertThat(response.status()).as(id + " " + response).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("action");
        }
        assertThat(EU.requestCount()).isZero();
    }

    // ---- helpers

    List<JsonNode> catalog() {
        Api.Response response = full().get("/actions");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        response.json().path("data").path(0).path("actions").forEach(entries::add); // the one connector group
        return entries;
    }

    /** The REST form: path values in the route, a read's inputs in the query, a write's in a JSON body. */
    static Api.Response rest(Api caller, JsonNode entry, Sample sample) {
        String method = entry.path("method").asString();
        String path = restPath(entry, sample);
        boolean read = entry.path("read_only").asBoolean();
        Map<String, Object> query = new LinkedHashMap<>(read ? sample.inputs() : Map.of());
        if (entry.path("paged").asBoolean()) {
            query.put("page_size", 2);
        }
        if (!query.isEmpty()) {
            path += "?" + query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(queryValue(e.getValue()), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
        if (read || sample.inputs().isEmpty()) {
            return caller.send(method, path, null, null);
        }
        return caller.send(method, path, "application/json", Api.json(sample.inputs()));
    }

    static String restPath(JsonNode entry, Sample sample) {
        String path = entry.path("path").asString();
        for (Map.Entry<String, String> value : sample.path().entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        assertThat(path).as(entry.path("id").asString() + ": a sample value for every path parameter").doesNotContain("{");
        return path;
    }

    private static String queryValue(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
    }

    /** The RPC form: path values in path, a read's inputs and page_size in query, a write's inputs in body. */
    static Map<String, Object> rpcBody(JsonNode entry, Sample sample) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", entry.path("id").asString());
        if (!sample.path().isEmpty()) {
            body.put("path", sample.path());
        }
        Map<String, Object> query = new LinkedHashMap<>();
        if (entry.path("read_only").asBoolean()) {
            query.putAll(sample.inputs());
        } else if (!sample.inputs().isEmpty()) {
            body.put("body", sample.inputs());
        }
        if (entry.path("paged").asBoolean()) {
            query.put("page_size", 2);
        }
        if (!query.isEmpty()) {
            body.put("query", query);
        }
        return body;
    }

    private static JsonNode withoutUpdatedAt(JsonNode data) {
        ObjectNode copy = (ObjectNode) data.deepCopy();
        assertThat(copy.path("updated_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        copy.remove("updated_at");
        return copy;
    }

    private static JsonNode text(String value) {
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(value);
    }
}
