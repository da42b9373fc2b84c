package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code api/hotspots/*} over seeded hotspots. */
final class HotspotEndpoints {

    static final List<String> STATUSES = List.of("TO_REVIEW", "REVIEWED");
    static final List<String> RESOLUTIONS = List.of("FIXED", "SAFE", "ACKNOWLEDGED");

    private HotspotEndpoints() {
    }

    static Reply search(Call call) {
        ApiRequest request = call.request();
        List<String> keys = request.list("hotspots");
        String projectKey = request.param("projectKey").or(() -> request.param("project")).orElse(null);
        if (projectKey == null && keys.isEmpty()) {
            throw SonarApiException.badRequest(
                    "A value must be provided for either parameter 'projectKey' or parameter 'hotspots'");
        }
        Paging paging = Paging.parse(request, 100, 500).capped();
        String status = request.param("status").orElse(null);
        String resolution = request.param("resolution").orElse(null);
        if (status != null) {
            IssueEndpoints.checkValues("status", List.of(status), STATUSES);
        }
        if (resolution != null) {
            IssueEndpoints.checkValues("resolution", List.of(resolution), RESOLUTIONS);
            if (!"REVIEWED".equals(status)) {
                throw SonarApiException.badRequest(
                        "Value 'REVIEWED' of parameter 'status' must be provided when parameter 'resolution' is set");
            }
        }

        List<SeededHotspot> candidates = new ArrayList<>();
        if (projectKey != null) {
            SimProject project = call.state().project(projectKey)
                    .orElseThrow(() -> SonarApiException.notFound("Project '" + projectKey + "' not found"));
            candidates.addAll(project.hotspots());
        } else {
            keys.forEach(key -> call.state().hotspot(key).ifPresent(candidates::add));
        }
        List<SeededHotspot> matches = candidates.stream()
                .filter(h -> keys.isEmpty() || keys.contains(h.key()))
                .filter(h -> status == null || h.status().equals(status))
                .filter(h -> resolution == null || resolution.equals(h.resolution()))
                .toList();

        List<SeededHotspot> page = paging.slice(matches);
        ObjectNode body = Json.object();
        body.set("paging", paging.json(matches.size()));
        ArrayNode hotspots = body.putArray("hotspots");
        Map<String, ObjectNode> components = new LinkedHashMap<>();
        for (SeededHotspot hotspot : page) {
            hotspots.add(IssueJson.hotspot(hotspot));
            SimProject project = call.state().project(hotspot.projectKey()).orElseThrow();
            String organization = project.organization();
            components.computeIfAbsent(hotspot.component(), key -> IssueJson.fileComponent(key, organization));
            components.computeIfAbsent(project.key(), key -> IssueJson.projectComponent(project, organization));
        }
        ArrayNode componentArray = body.putArray("components");
        components.values().forEach(componentArray::add);
        return Reply.json(Json.write(body));
    }

    static Reply show(Call call) {
        SeededHotspot hotspot = existing(call);
        SimProject project = call.state().project(hotspot.projectKey()).orElseThrow();
        ObjectNode body = Fixtures.copy("hotspot/show-example.json");
        body.put("key", hotspot.key());
        ObjectNode component = IssueJson.fileComponent(hotspot.component(), project.organization());
        component.remove("enabled");
        body.set("component", component);
        ObjectNode projectJson = IssueJson.projectComponent(project, project.organization());
        projectJson.remove("enabled");
        body.set("project", projectJson);
        ObjectNode rule = (ObjectNode) body.get("rule");
        rule.put("key", hotspot.rule().key());
        rule.put("name", hotspot.rule().name());
        rule.put("securityCategory", hotspot.securityCategory());
        rule.put("vulnerabilityProbability", hotspot.vulnerabilityProbability());
        body.put("status", hotspot.status());
        if (hotspot.resolution() != null) {
            body.put("resolution", hotspot.resolution());
        }
        body.put("line", hotspot.line());
        body.put("message", hotspot.rule().message());
        if (hotspot.assignee() != null) {
            body.put("assignee", hotspot.assignee());
        } else {
            body.remove("assignee");
        }
        body.put("author", hotspot.author());
        body.put("creationDate", SonarDates.format(hotspot.creationDate()));
        body.put("updateDate", SonarDates.format(hotspot.creationDate()));
        return Reply.json(Json.write(body));
    }

    static Reply changeStatus(Call call) {
        existing(call);
        String status = call.required("status");
        IssueEndpoints.checkValues("status", List.of(status), STATUSES);
        String resolution = call.param("resolution");
        if (status.equals("REVIEWED") && resolution == null) {
            throw SonarApiException.badRequest(
                    "Parameter 'resolution' must be specified when changing status to 'REVIEWED'");
        }
        if (status.equals("TO_REVIEW") && resolution != null) {
            throw SonarApiException.badRequest(
                    "Parameter 'resolution' must not be specified when changing status to 'TO_REVIEW'");
        }
        if (resolution != null) {
            IssueEndpoints.checkValues("resolution", List.of(resolution), RESOLUTIONS);
        }
        return Reply.noContent();
    }

    private static SeededHotspot existing(Call call) {
        String key = call.required("hotspot");
        return call.state().hotspot(key)
                .orElseThrow(() -> SonarApiException.notFound("Hotspot '" + key + "' does not exist"));
    }
}
