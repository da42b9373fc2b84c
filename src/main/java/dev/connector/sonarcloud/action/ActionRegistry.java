package dev.connector.sonarcloud.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** All actions by id and by REST route. Duplicate ids or routes stop the start. */
@Component
public class ActionRegistry {

    public record Route(ActionDefinition action, PathPattern pattern) {
    }

    public record Match(ActionDefinition action, Map<String, String> pathVariables) {
    }

    private final Map<String, ActionDefinition> byId = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();

    public ActionRegistry(List<ActionCatalog> catalogs) {
        Set<String> routeKeys = new HashSet<>();
        List<ActionDefinition> all = new ArrayList<>();
        catalogs.forEach(catalog -> all.addAll(catalog.actions()));
        all.sort(Comparator.comparing(ActionDefinition::domain).thenComparing(ActionDefinition::id));
        for (ActionDefinition action : all) {
            if (!action.id().matches("sonarcloud_[a-z0-9_]+")) {
                throw new IllegalStateException("action id must be sonarcloud_<verb>_<thing>: " + action.id());
            }
            if (byId.putIfAbsent(action.id(), action) != null) {
                throw new IllegalStateException("duplicate action id " + action.id());
            }
            if (!routeKeys.add(action.method() + " " + action.route().replaceAll("\\{[^}]+}", "{}"))) {
                throw new IllegalStateException("duplicate action route " + action.method() + " " + action.route());
            }
            routes.add(new Route(action, PathPatternParser.defaultInstance.parse(action.route())));
        }
        routes.sort(Comparator.comparing(Route::pattern)); // most specific first
    }

    public List<ActionDefinition> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ActionDefinition> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The action for a REST request; empty when no route matches the path. */
    public Optional<Match> match(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Route route : routes) {
            if (route.action().method().equals(method)) {
                PathPattern.PathMatchInfo info = route.pattern().matchAndExtract(container);
                if (info != null) {
                    return Optional.of(new Match(route.action(), info.getUriVariables()));
                }
            }
        }
        return Optional.empty();
    }

    /** The methods some action accepts on this path (for 405 versus 404). */
    public Set<HttpMethod> methodsFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        Set<HttpMethod> methods = new HashSet<>();
        for (Route route : routes) {
            if (route.pattern().matches(container)) {
                methods.add(route.action().method());
            }
        }
        return methods;
    }
}
