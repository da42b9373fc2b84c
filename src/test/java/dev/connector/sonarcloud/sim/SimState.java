package dev.connector.sonarcloud.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** What one region's simulator knows: tokens, organizations, projects and their seeded data. Thread-safe. */
final class SimState {

    private final Map<String, SimToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, SimOrganization> organizations = new ConcurrentHashMap<>();
    private final Map<String, SimProject> projects = new ConcurrentHashMap<>();
    private final Map<String, String> projectByKeyPrefix = new ConcurrentHashMap<>();

    synchronized void addToken(String token, String login, String name, String... organizationKeys) {
        addToken(token, login, name, true, organizationKeys);
    }

    /** {@code admin}: the user administers every organization it is a member of (else it is a plain member). */
    synchronized void addToken(String token, String login, String name, boolean admin, String... organizationKeys) {
        for (String organization : organizationKeys) {
            organizations.putIfAbsent(organization, new SimOrganization(organization, organization));
        }
        Set<String> member = new HashSet<>(Arrays.asList(organizationKeys));
        tokens.put(token, new SimToken(token, login, name, login + "@example.com", member, admin ? member : Set.of()));
    }

    synchronized void renewOrganizationId(String key) {
        SimOrganization old = organizations.get(key);
        organizations.put(key, new SimOrganization(key, old.name(), java.util.UUID.randomUUID().toString()));
    }

    Optional<SimOrganization> organizationById(String id) {
        return organizations.values().stream().filter(o -> o.id().equals(id)).findFirst();
    }

    List<SimToken> users() {
        return tokens.values().stream().sorted(Comparator.comparing(SimToken::login)).toList();
    }

    synchronized void addOrganization(String key, String name) {
        organizations.put(key, new SimOrganization(key, name));
    }

    private final Map<String, List<JsonNode>> rulesByOrganization = new ConcurrentHashMap<>();

    /**
     * Replaces the example rules of one organization with {@code count} rules shaped like them: 60% code smells, 20% bugs, 12%
     * vulnerabilities, 8% hotspot rules (so that 20,000 rules exceed the 10,000 cap while each type stays under it).
     */
    void seedRules(String organization, int count) {
        List<JsonNode> example = new ArrayList<>();
        Fixtures.copy("rule/search-example.json").get("rules").values().forEach(example::add);
        List<JsonNode> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int percent = i % 100;
            String type = percent < 60 ? "CODE_SMELL" : percent < 80 ? "BUG" : percent < 92 ? "VULNERABILITY"
                    : "SECURITY_HOTSPOT";
            ObjectNode rule = ((ObjectNode) example
                    .get(i % example.size())).deepCopy();
            rule.put("key", "java:S" + (100_000 + i)).put("type", type).put("name", "Generated rule " + i);
            rules.add(rule);
        }
        rulesByOrganization.put(organization, List.copyOf(rules));
    }

    Optional<List<JsonNode>> seededRules(String organization) {
        return organization == null ? Optional.empty() : Optional.ofNullable(rulesByOrganization.get(organization));
    }

    /** Replaces the project's issues with {@code count} ones all created in the same second. */
    synchronized void seedIssuesInOneSecond(String projectKey, int count) {
        SimProject project = projectOrCreate(projectKey);
        projects.put(projectKey, project.withIssues(
                SeedGenerator.issuesInOneSecond(projectKey, project.keyPrefix(), count)));
    }

    synchronized SimProject addProject(String organization, String key, String name) {
        if (organization != null) {
            organizations.putIfAbsent(organization, new SimOrganization(organization, organization));
        }
        SimProject existing = projects.get(key);
        String prefix = existing != null ? existing.keyPrefix() : SeedGenerator.keyPrefix(projects.size());
        SimProject project = existing != null
                ? new SimProject(key, name, organization, prefix, existing.issues(), existing.hotspots())
                : new SimProject(key, name, organization, prefix, List.of(), List.of());
        projects.put(key, project);
        projectByKeyPrefix.put(prefix, key);
        return project;
    }

    synchronized void seedIssues(String projectKey, int count) {
        SimProject project = projectOrCreate(projectKey);
        projects.put(projectKey, project.withIssues(SeedGenerator.issues(projectKey, project.keyPrefix(), count)));
    }

    synchronized void seedHotspots(String projectKey, int count) {
        SimProject project = projectOrCreate(projectKey);
        projects.put(projectKey,
                project.withHotspots(SeedGenerator.hotspots(projectKey, project.keyPrefix(), count)));
    }

    synchronized void seedHotspots(String projectKey, int toReview, int fixed, int safe, int acknowledged) {
        SimProject project = projectOrCreate(projectKey);
        projects.put(projectKey, project.withHotspots(
                SeedGenerator.hotspots(projectKey, project.keyPrefix(), toReview, fixed, safe, acknowledged)));
    }

    Optional<SimToken> token(Optional<String> token) {
        return token.map(tokens::get);
    }

    /** A user's display name: from a token of that login, else derived from the login ("ada.lovelace" → "Ada Lovelace"). */
    String userName(String login) {
        for (SimToken token : tokens.values()) {
            if (token.login().equals(login)) {
                return token.name();
            }
        }
        StringBuilder name = new StringBuilder();
        for (String part : login.split("[._-]")) {
            if (!part.isEmpty()) {
                name.append(name.isEmpty() ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    boolean hasOrganization(String key) {
        return organizations.containsKey(key);
    }

    Optional<SimOrganization> organization(String key) {
        return Optional.ofNullable(organizations.get(key));
    }

    Optional<SimProject> project(String key) {
        return Optional.ofNullable(projects.get(key));
    }

    /** Projects visible from an organization, sorted by key. */
    List<SimProject> projectsOf(String organization) {
        return projects.values().stream()
                .filter(project -> project.visibleFrom(organization))
                .sorted(Comparator.comparing(SimProject::key))
                .toList();
    }

    /** The project a component key ({@code project} or {@code project:path}) belongs to. */
    Optional<SimProject> projectOfComponent(String componentKey) {
        int colon = componentKey.indexOf(':');
        Optional<SimProject> exact = project(componentKey);
        if (exact.isPresent() || colon < 0) {
            return exact;
        }
        return project(componentKey.substring(0, colon));
    }

    Optional<SeededIssue> issue(String key) {
        return projectOfItemKey(key).flatMap(p -> byNumber(p.issues(), key, SeededIssue::key));
    }

    Optional<SeededHotspot> hotspot(String key) {
        return projectOfItemKey(key).flatMap(p -> byNumber(p.hotspots(), key, SeededHotspot::key));
    }

    private static <T> Optional<T> byNumber(List<T> items, String key, Function<T, String> keyOf) {
        try {
            int index = Integer.parseInt(key.substring(key.lastIndexOf('-') + 1)) - 1;
            if (index >= 0 && index < items.size() && keyOf.apply(items.get(index)).equals(key)) {
                return Optional.of(items.get(index));
            }
        } catch (NumberFormatException notSeeded) {
            // fall through
        }
        return Optional.empty();
    }

    /** Seeded keys are "PREFIX-kind-NNNNNN": the prefix names the project, the number its position. */
    private Optional<SimProject> projectOfItemKey(String key) {
        int dash = key.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(projectByKeyPrefix.get(key.substring(0, dash))).map(projects::get);
    }

    /** A seeded project's organization: the part of its key before '_' when that organization is known. */
    private SimProject projectOrCreate(String projectKey) {
        SimProject existing = projects.get(projectKey);
        if (existing != null) {
            return existing;
        }
        int underscore = projectKey.indexOf('_');
        String organization = underscore > 0 && organizations.containsKey(projectKey.substring(0, underscore))
                ? projectKey.substring(0, underscore)
                : null;
        return addProject(organization, projectKey, projectKey);
    }
}
