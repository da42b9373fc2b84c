package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Normalize;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import dev.connector.sonarcloud.sonar.SonarResponse;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Source code of a file: highlighted lines with SCM and coverage data, the raw text, and duplicated blocks. */
@Component
public class SourceActions implements ActionCatalog {

    /** Larger raw files are refused rather than held in memory and sent as one JSON string. */
    static final int MAX_RAW_BYTES = 5 * 1024 * 1024;

    static final Mapping LINE = Mapping.of("line", "code", "scmAuthor", "scmDate", "scmRevision", "isNew",
            "lineHits", "conditions", "coveredConditions", "duplicated");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_get_source_lines", "/actions/components/{component_key}/source/lines",
                                "Get source lines",
                                "A file's lines (HTML-highlighted code) with SCM author, date and revision, and "
                                        + "coverage; from and to select a range of lines.")
                        .domain("sources")
                        .params(fileKey(),
                                Param.integer("from", "First line (1-based, default 1)", 1, Integer.MAX_VALUE),
                                Param.integer("to", "Last line (inclusive, default: the end of the file)", 1,
                                        Integer.MAX_VALUE),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/sources/lines")
                        .permission(SonarPermission.SEE_SOURCE_CODE)
                        .list("sources", LINE),

                Action.read("sonarcloud_get_raw_source", "/actions/components/{component_key}/source/raw",
                                "Get raw source", "A file's source code as plain text (at most 5 MB): through REST the text itself "
                                        + "(text/plain), through RPC or with raw=true {content_type, content}.")
                        .domain("sources")
                        .params(fileKey(),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/sources/raw")
                        .permission(SonarPermission.SEE_SOURCE_CODE)
                        .custom(ActionDefinition.TEXT_FIELDS, port -> {
                            SonarResponse response = port.callRaw(Map.of());
                            if (response.body().length > MAX_RAW_BYTES) {
                                throw ApiException.providerError("The file is larger than 5 MB ("
                                                + response.body().length
                                                + " bytes); use sonarcloud_get_source_lines with from and to instead")
                                        .withProviderError(new ApiException.ProviderError(response.status(),
                                                response.url(), null));
                            }
                            // source code is text whatever type the answer names; never an active type from this origin
                            return TextContent.result(response, "text/plain;charset=utf-8");
                        }),

                Action.read("sonarcloud_get_duplications", "/actions/components/{component_key}/duplications",
                                "Get duplications",
                                "A file's duplicated blocks; each block names the file it is in (resolved from the "
                                        + "response's files).")
                        .domain("sources")
                        .params(fileKey(),
                                CommonParams.branch(),
                                CommonParams.pullRequest())
                        .call("api/duplications/show")
                        .permission(SonarPermission.BROWSE)
                        .object("", (body, ignored) -> duplications(body), List.of("duplications", "files")));
    }

    private static Param fileKey() {
        return CommonParams.componentKey("component_key", "File key, e.g. my-project:src/main/java/Foo.java", "key");
    }

    /** {@code {duplications:[{blocks:[{from, size, file_ref, file}]}], files}}, each block's {@code _ref} resolved. */
    static ObjectNode duplications(JsonNode body) {
        JsonNode files = body.path("files");
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode duplications = result.putArray("duplications");
        for (JsonNode duplication : body.path("duplications")) {
            ArrayNode blocks = duplications.addObject().putArray("blocks");
            for (JsonNode block : duplication.path("blocks")) {
                String ref = block.path("_ref").asString(null);
                JsonNode file = ref == null ? null : files.get(ref);
                ObjectNode resolved = blocks.addObject();
                resolved.set("from", Normalize.value(block.path("from")));
                resolved.set("size", Normalize.value(block.path("size")));
                resolved.put("file_ref", ref);
                resolved.set("file", file == null ? JsonNodeFactory.instance.nullNode() : Normalize.value(file));
            }
        }
        result.set("files", files.isObject() ? Normalize.value(files) : JsonNodeFactory.instance.objectNode());
        return result;
    }
}
