package dev.connector.sonarcloud.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * Builds {@link ActionDefinition}s; it is used only while the catalog is assembled (nothing of it is reachable at
 * request time). Typical use:
 * <pre>
 * Action.read("sonarcloud_list_projects", "/actions/projects", "List projects", "…")
 *       .domain("projects")
 *       .params(Param.string("q", "…"))
 *       .call("api/components/search").fixed("qualifiers", "TRK").organization()
 *       .permission(SonarPermission.BROWSE)
 *       .pages("components", PROJECT);
 * </pre>
 * The last call (object, list, pages, issueWindows, hotspotPartitions, v2Pages, custom) picks the pager and
 * builds the definition.
 */
public final class Action {

    private final String id;
    private final String route;
    private final HttpMethod method;
    private final boolean readOnly;
    private final String label;
    private final String description;
    private boolean destructive;
    private String domain;
    private final List<Param> params = new ArrayList<>();
    private HttpMethod upstreamMethod;
    private Upstream.Host host;
    private String upstreamPath;
    private final Map<String, String> fixed = new LinkedHashMap<>();
    private boolean organization;
    private SonarPermission permission;
    private String organizationIdAs;

    private Action(String id, HttpMethod method, String route, boolean readOnly, String label, String description) {
        this.id = id;
        this.method = method;
        this.route = route;
        this.readOnly = readOnly;
        this.label = label;
        this.description = description;
        this.destructive = method == HttpMethod.DELETE;
    }

    /** A read: GET on its route, scope actions:read. */
    public static Action read(String id, String route, String label, String description) {
        return new Action(id, HttpMethod.GET, route, true, label, description);
    }

    /** A write: scope actions:write; a DELETE route is destructive. */
    public static Action write(String id, HttpMethod method, String route, String label, String description) {
        return new Action(id, method, route, false, label, description);
    }

    public Action domain(String domain) {
        this.domain = domain;
        return this;
    }

    public Action params(Param... params) {
        this.params.addAll(List.of(params));
        return this;
    }

    /** Marks a write that deletes or discards something. */
    public Action destructive() {
        this.destructive = true;
        return this;
    }

    /** The Web API endpoint ({@code api/…}): GET for reads, POST for writes. */
    public Action call(String path) {
        return call(readOnly ? HttpMethod.GET : HttpMethod.POST, Upstream.Host.V1, path);
    }

    /** Any endpoint: the Web API (v1, {@code api/…}) or the v2 API. */
    public Action call(HttpMethod method, Upstream.Host host, String path) {
        this.upstreamMethod = method;
        this.host = host;
        this.upstreamPath = path;
        return this;
    }

    /** A parameter always sent with this value. */
    public Action fixed(String sonarParameter, String value) {
        fixed.put(sonarParameter, value);
        return this;
    }

    /** Sends the linked account's organization as {@code organization}. */
    public Action organization() {
        this.organization = true;
        return this;
    }

    /** v2: sends the organization's v2 id (resolved from its key, kept per account) as this parameter. */
    public Action organizationId(String parameter) {
        this.organizationIdAs = parameter;
        return this;
    }

    /** The SonarQube Cloud permission the account's user needs. */
    public Action permission(SonarPermission permission) {
        this.permission = permission;
        return this;
    }

    /** One object at {@code field} of the body ({@code ""} for the body itself). */
    public ActionDefinition object(String field, Mapping mapping) {
        return object(field, ItemMapper.of(mapping), mapping.outputFields());
    }

    public ActionDefinition object(String field, ItemMapper mapper, List<String> outputFields) {
        return build(new SingleObject(field), outputFields, mapper, null);
    }

    /** Every item of the array at {@code field}, in one answer (endpoints without paging). */
    public ActionDefinition list(String field, Mapping mapping) {
        return list(field, ItemMapper.of(mapping), mapping.outputFields());
    }

    public ActionDefinition list(String field, ItemMapper mapper, List<String> outputFields) {
        return build(new WholeList(field), outputFields, mapper, null);
    }

    /** SonarQube's p/ps pages of the array at {@code field}. */
    public ActionDefinition pages(String field, Mapping mapping) {
        return pages(field, ItemMapper.of(mapping), mapping.outputFields());
    }

    public ActionDefinition pages(String field, ItemMapper mapper, List<String> outputFields) {
        return build(new PageNumbers(field), outputFields, mapper, null);
    }

    /** The v2 API's pageIndex/pageSize pages of the array at {@code field}. */
    public ActionDefinition v2Pages(String field, Mapping mapping) {
        return build(new V2PageIndex(field), mapping.outputFields(), ItemMapper.of(mapping), null);
    }

    /** v2 pages of at most {@code maxPageSize} items (the endpoint's own limit). */
    public ActionDefinition v2Pages(String field, Mapping mapping, int maxPageSize) {
        return build(new V2PageIndex(field, maxPageSize), mapping.outputFields(), ItemMapper.of(mapping), null);
    }

    /** Issue search walked past the 10,000-result cap by creation-date windows ({@link IssueWindows}). */
    public ActionDefinition issueWindows(String field, String startInput, ItemMapper mapper, List<String> outputFields) {
        return build(new IssueWindows(field, startInput), outputFields, mapper, null);
    }

    /** A search walked past the 10,000-result cap partition by partition ({@link FilterPartitions}). */
    public ActionDefinition partitions(String field, List<FilterPartitions.Partition> partitions,
                                       ItemMapper mapper, List<String> outputFields) {
        return build(new FilterPartitions(field, partitions), outputFields, mapper, null);
    }

    public ActionDefinition partitions(String field, List<FilterPartitions.Partition> partitions, Mapping mapping) {
        return partitions(field, partitions, ItemMapper.of(mapping), mapping.outputFields());
    }

    /** Own logic answering one object. */
    public ActionDefinition custom(List<String> outputFields, ActionHandler handler) {
        return build(new SingleObject(""), outputFields, null, handler);
    }

    /** Own logic answering every item in one list ({@code next} always null). */
    public ActionDefinition customList(List<String> outputFields, ActionHandler handler) {
        return build(new WholeList(""), outputFields, null, handler);
    }

    private ActionDefinition build(Pager<?> pager, List<String> outputFields, ItemMapper mapper, ActionHandler handler) {
        if (upstreamPath == null) {
            throw new IllegalStateException(id + ": no SonarQube call");
        }
        if (domain == null) {
            throw new IllegalStateException(id + ": no domain");
        }
        return new ActionDefinition(id, label, description, domain, method, route, readOnly, destructive, params,
                outputFields, new Upstream(upstreamMethod, host, upstreamPath, fixed, organization, organizationIdAs), pager,
                permission, mapper, handler);
    }
}
