package dev.connector.sonarcloud.action;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * One action, completely: from this come its REST route, its RPC name, its catalog entry (with the JSON Schema of
 * its input), its part of openapi.yaml and its input validation.
 *
 * @param path  its REST route, e.g. {@code /actions/issues/{issue_key}/transition}
 * @param paged      whether it takes {@code page_size} and {@code next}
 * @param listResult whether its data is a list ({@code {data: [...], next}}) rather than one object
 */
public record ActionDefinition(String id, String label, String description, String domain, HttpMethod method,
                               String path, boolean readOnly, boolean paged, boolean listResult, List<Param> params,
                               List<String> outputFields, ActionHandler handler) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    /** Names of the parameters that are part of the REST path. */
    public List<String> pathParams() {
        return params.stream().map(Param::name).filter(name -> path.contains("{" + name + "}")).toList();
    }
}
