package dev.connector.sonarcloud.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** All actions by id (their REST routes are registered by {@link ActionRoutes}). Duplicate ids or routes stop the start. */
@Component
public class ActionRegistry {

    private final Map<String, ActionDefinition> byId = new LinkedHashMap<>();

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
        }
    }

    public List<ActionDefinition> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ActionDefinition> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
