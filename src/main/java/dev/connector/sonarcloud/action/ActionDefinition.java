package dev.connector.sonarcloud.action;

import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpMethod;

/**
 * One action, completely: from this come its REST route, its RPC name, its catalog entry (with the JSON Schema of
 * its input), its part of openapi.yaml, its input validation and its execution. Built by {@link Action}; immutable.
 *
 * @param route       its REST route, e.g. {@code /actions/issues/{issue_key}/transition}
 * @param readOnly    reads only (scope {@code actions:read}); otherwise it needs {@code actions:write}
 * @param destructive deletes something in SonarQube Cloud
 * @param upstream    the SonarQube Cloud endpoint it calls
 * @param pager       how the result is read: one object, one list, or pages (and how they are walked)
 * @param permission  what the linked account's user needs in SonarQube Cloud
 * @param mapper      maps each upstream item; null when {@code handler} does the work
 * @param handler     the action's own logic; null for the usual pager-plus-mapper action
 */
public record ActionDefinition(String id, String label, String description, String domain, HttpMethod method,
                               String route, boolean readOnly, boolean destructive, List<Param> params,
                               List<String> outputFields, Upstream upstream, Pager<?> pager,
                               SonarPermission permission, ItemMapper mapper, ActionHandler handler) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    /**
     * The output of an action whose SonarQube answer is not JSON (an SVG badge, an XML backup): through REST it
     * answers the content itself with its content type, through RPC {@code {content_type, content}}.
     */
    public static final List<String> TEXT_FIELDS = List.of("content_type", "content");

    public ActionDefinition {
        Objects.requireNonNull(upstream, id + ": no upstream endpoint");
        Objects.requireNonNull(pager, id + ": no pager");
        Objects.requireNonNull(permission, id + ": no SonarQube permission");
        if ((mapper == null) == (handler == null)) {
            throw new IllegalArgumentException(id + ": needs either a mapper or a handler");
        }
        if (handler != null && pager.paged()) {
            throw new IllegalArgumentException(id + ": a custom handler cannot page; give the action a pager");
        }
        params = List.copyOf(params);
        outputFields = List.copyOf(outputFields);
    }

    /** Whether it takes {@code page_size} and {@code next}. */
    public boolean paged() {
        return pager.paged();
    }

    /** Whether its data is a list ({@code {data: [...], next}}) rather than one object. */
    public boolean listResult() {
        return pager.listResult();
    }

    /** Whether the REST route answers SonarQube's non-JSON content as it came ({@link #TEXT_FIELDS}). */
    public boolean answersText() {
        return outputFields.equals(TEXT_FIELDS);
    }

    /** Names of the parameters that are part of the REST route. */
    public List<String> pathParams() {
        return params.stream().map(Param::name).filter(name -> route.contains("{" + name + "}")).toList();
    }
}
