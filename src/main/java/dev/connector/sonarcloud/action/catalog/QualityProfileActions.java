package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import dev.connector.sonarcloud.sonar.SonarResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Quality profiles (the rule sets analyses apply): history, inheritance, projects, XML backup, comparison, and
 * administration (create, copy, delete, default, parent, project association, rule activation). A profile is named
 * by its key, or by language and name as SonarQube's write endpoints expect. Writes need Administer Quality Profiles.
 */
@Component
public class QualityProfileActions implements ActionCatalog {

    static final String PROFILE_KEY = "[A-Za-z0-9_.:-]{1,100}";
    static final String LANGUAGE = "[a-z0-9_-]{1,20}";
    static final Mapping PROFILE = Mapping.of("key", "name", "language", "languageName", "isInherited", "isDefault",
            "isBuiltIn");
    static final Mapping INHERITANCE_ENTRY = Mapping.of("key", "name", "parent", "activeRuleCount",
            "overridingRuleCount", "isBuiltIn");

    private static Param language() {
        return Param.string("language", "Language key, e.g. java").required().matching(LANGUAGE);
    }

    private static Param name(String sonarName) {
        return Param.string("name", "Profile name").required().matching(".{1,100}").sonar(sonarName);
    }

    private static Param profileKey(String sonarName) {
        return Param.string("profile_key", "Quality profile key").required().matching(PROFILE_KEY).sonar(sonarName);
    }

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_get_quality_profile_changelog", "/actions/quality_profiles/changelog",
                                "Get a quality profile's changelog",
                                "Rule activations, changes and deactivations of a profile, newest first.")
                        .domain("quality_profiles")
                        .params(language(), name("qualityProfile"),
                                Param.dateTime("since", "Changes at or after"), Param.dateTime("to", "Changes before"))
                        .call("api/qualityprofiles/changelog").organization().permission(SonarPermission.ORGANIZATION_MEMBER)
                        .pages("events", Mapping.of("date", "authorLogin", "authorName", "action", "ruleKey",
                                "ruleName", "params")),

                Action.read("sonarcloud_get_quality_profile_inheritance", "/actions/quality_profiles/inheritance",
                                "Get a quality profile's inheritance", "A profile with its ancestors and children.")
                        .domain("quality_profiles").params(language(), name("qualityProfile"))
                        .call("api/qualityprofiles/inheritance").organization()
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .object("", (body, ignored) -> {
                            ObjectNode data = JsonNodeFactory.instance.objectNode();
                            data.set("profile", INHERITANCE_ENTRY.apply(body.path("profile")));
                            data.set("ancestors", JsonNodeFactory.instance.arrayNode());
                            body.path("ancestors").forEach(a -> data.withArray("ancestors").add(INHERITANCE_ENTRY.apply(a)));
                            data.set("children", JsonNodeFactory.instance.arrayNode());
                            body.path("children").forEach(c -> data.withArray("children").add(INHERITANCE_ENTRY.apply(c)));
                            return data;
                        }, List.of("profile", "ancestors", "children")),

                Action.read("sonarcloud_list_quality_profile_projects", "/actions/quality_profiles/{profile_key}/projects",
                                "List a quality profile's projects",
                                "Projects using a profile (selected), not using it (deselected) or all.")
                        .domain("quality_profiles")
                        .params(profileKey("key"), Param.string("q", "Part of the project name"),
                                Param.string("selected", "Which projects").oneOf("selected", "deselected", "all"))
                        .call("api/qualityprofiles/projects").organization()
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .pages("results", Mapping.of("key", "name", "selected")),

                Action.read("sonarcloud_backup_quality_profile", "/actions/quality_profiles/backup",
                                "Back up a quality profile",
                                "A profile's XML backup (its active rules and their parameters), as SonarQube makes "
                                        + "it: application/xml through REST, the text in content through RPC.")
                        .domain("quality_profiles").params(language(), name("qualityProfile"))
                        .call("api/qualityprofiles/backup").organization().permission(SonarPermission.ORGANIZATION_MEMBER)
                        .custom(List.of("content_type", "content"), port -> {
                            SonarResponse response = port.callRaw(Map.of());
                            return TextContent.result(response);
                        }),

                Action.read("sonarcloud_compare_quality_profiles", "/actions/quality_profiles/compare",
                                "Compare two quality profiles",
                                "Rules active only in the left profile, only in the right one, in both with other "
                                        + "settings, and the same in both.")
                        .domain("quality_profiles")
                        .params(Param.string("left_key", "Left profile key").required().matching(PROFILE_KEY)
                                        .sonar("leftKey"),
                                Param.string("right_key", "Right profile key").required().matching(PROFILE_KEY)
                                        .sonar("rightKey"))
                        .call("api/qualityprofiles/compare").permission(SonarPermission.ORGANIZATION_MEMBER)
                        .object("", Mapping.of("left", "right", "inLeft", "inRight", "modified", "same")),

                Action.write("sonarcloud_create_quality_profile", HttpMethod.POST, "/actions/quality_profiles",
                                "Create a quality profile", "Creates an empty profile for a language and answers it.")
                        .domain("quality_profiles").params(language(), name("name"))
                        .call("api/qualityprofiles/create").organization().permission(SonarPermission.ADMINISTER)
                        .object("profile", PROFILE),

                Action.write("sonarcloud_copy_quality_profile", HttpMethod.POST,
                                "/actions/quality_profiles/{profile_key}/copy", "Copy a quality profile",
                                "Copies a profile with its rules under a new name and answers the copy.")
                        .domain("quality_profiles")
                        .params(profileKey("fromKey"),
                                Param.string("to_name", "Name of the copy").required().matching(".{1,100}"))
                        .call("api/qualityprofiles/copy").organization().permission(SonarPermission.ADMINISTER)
                        .object("", PROFILE),

                Action.write("sonarcloud_delete_quality_profile", HttpMethod.DELETE, "/actions/quality_profiles",
                                "Delete a quality profile",
                                "Deletes a profile and its descendants (not a built-in or default one).")
                        .domain("quality_profiles").params(language(), name("qualityProfile"))
                        .call("api/qualityprofiles/delete").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("language", "name"), Acknowledged.handler("language", "name")),

                Action.write("sonarcloud_set_default_quality_profile", HttpMethod.POST,
                                "/actions/quality_profiles/default", "Set the default quality profile",
                                "Makes a profile the default of its language in the organization.")
                        .domain("quality_profiles").params(language(), name("qualityProfile"))
                        .call("api/qualityprofiles/set_default").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("language", "name"), Acknowledged.handler("language", "name")),

                Action.write("sonarcloud_change_quality_profile_parent", HttpMethod.POST,
                                "/actions/quality_profiles/parent", "Change a quality profile's parent",
                                "Makes a profile inherit from another one (no parent_name: stop inheriting).")
                        .domain("quality_profiles")
                        .params(language(), name("qualityProfile"),
                                Param.string("parent_name", "Parent profile name").matching(".{1,100}")
                                        .sonar("parentQualityProfile"))
                        .call("api/qualityprofiles/change_parent").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("language", "name", "parent_name"),
                                Acknowledged.handler("language", "name", "parent_name")),

                Action.write("sonarcloud_assign_project_quality_profile", HttpMethod.POST,
                                "/actions/projects/{project_key}/quality_profiles", "Use a quality profile for a project",
                                "The project's analyses of that language use this profile.")
                        .domain("quality_profiles")
                        .params(CommonParams.componentKey("project_key", "Project key", "project"), language(),
                                name("qualityProfile"))
                        .call("api/qualityprofiles/add_project").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "language", "name"),
                                Acknowledged.handler("project_key", "language", "name")),

                Action.write("sonarcloud_unassign_project_quality_profile", HttpMethod.DELETE,
                                "/actions/projects/{project_key}/quality_profiles",
                                "Stop using a quality profile for a project",
                                "The project goes back to the language's default profile.")
                        .domain("quality_profiles")
                        .params(CommonParams.componentKey("project_key", "Project key", "project"), language(),
                                name("qualityProfile"))
                        .call("api/qualityprofiles/remove_project").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("project_key", "language", "name"),
                                Acknowledged.handler("project_key", "language", "name")),

                Action.write("sonarcloud_activate_rule", HttpMethod.POST, "/actions/quality_profiles/{profile_key}/rules",
                                "Activate a rule in a quality profile",
                                "Activates a rule (optionally with a severity and parameters) in a profile.")
                        .domain("quality_profiles")
                        .params(profileKey("key"), Param.string("rule", "Rule key, e.g. java:S1144").required()
                                        .matching("[A-Za-z0-9_.:-]{1,200}"),
                                Param.string("severity", "Severity").oneOf("INFO", "MINOR", "MAJOR", "CRITICAL", "BLOCKER"),
                                Param.string("params", "Parameters: key1=value1;key2=value2"))
                        .call("api/qualityprofiles/activate_rule").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("profile_key", "rule"), Acknowledged.handler("profile_key", "rule")),

                Action.write("sonarcloud_deactivate_rule", HttpMethod.DELETE,
                                "/actions/quality_profiles/{profile_key}/rules/{rule}",
                                "Deactivate a rule in a quality profile", "Deactivates a rule in a profile.")
                        .domain("quality_profiles")
                        .params(profileKey("key"), Param.string("rule", "Rule key, e.g. java:S1144").required()
                                .matching("[A-Za-z0-9_.:-]{1,200}"))
                        .call("api/qualityprofiles/deactivate_rule").organization().permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("profile_key", "rule"), Acknowledged.handler("profile_key", "rule")),

                Action.read("sonarcloud_list_rule_tags", "/actions/rule_tags", "List rule tags",
                                "Tags of rules (built-in and the organization's own).")
                        .domain("rules")
                        .params(Param.string("q", "Part of the tag"),
                                Param.integer("max", "At most this many tags (default 10)", 1, 500).sonar("ps"))
                        .call("api/rules/tags").organization().permission(SonarPermission.NONE)
                        .object("", Mapping.of("tags")),

                Action.read("sonarcloud_list_rule_repositories", "/actions/rule_repositories", "List rule repositories",
                                "Rule repositories, optionally of one language.")
                        .domain("rules")
                        .params(Param.string("language", "Language key").matching(LANGUAGE), Param.string("q", "Part of the key or name"))
                        .call("api/rules/repositories").permission(SonarPermission.NONE)
                        .list("repositories", Mapping.of("key", "name", "language")),

                Action.write("sonarcloud_update_rule", HttpMethod.PATCH, "/actions/rules/{rule_key}", "Update a rule",
                                "Sets the organization's own tags and note (Markdown) on a rule and answers the rule.")
                        .domain("rules")
                        .params(Param.string("rule_key", "Rule key, e.g. java:S1144").required()
                                        .matching("[A-Za-z0-9_.:-]{1,200}").sonar("key"),
                                Param.list("tags", "The organization's tags for the rule"),
                                Param.string("markdown_note", "Note (Markdown)").sonar("markdown_note"))
                        .call("api/rules/update").organization().permission(SonarPermission.ADMINISTER)
                        .object("rule", RuleActions.RULE));
    }
}
