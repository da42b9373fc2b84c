package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.FilterPartitions;
import dev.connector.sonarcloud.action.ItemMapper;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Rules, quality profiles and languages. */
@Component
public class RuleActions implements ActionCatalog {

    static final String RULE_KEY = "[A-Za-z0-9_.:-]{1,200}";

    /** What a rule search answers; the long descriptions are left to {@code sonarcloud_get_rule}. */
    static final Mapping RULE = Mapping.of("key", "name", "repo", "lang", "langName", "severity", "type", "status",
            "tags", "sysTags", "impacts", "cleanCodeAttribute", "cleanCodeAttributeCategory", "scope", "isExternal",
            "isTemplate", "templateKey", "createdAt", "updatedAt");

    static final Mapping RULE_DETAILS = Mapping.of("htmlDesc", "mdDesc", "descriptionSections", "params",
            "gapDescription", "remFnType", "remFnBaseEffort", "remFnGapMultiplier");

    static final List<String> RULE_DETAIL_FIELDS;

    static {
        List<String> fields = new ArrayList<>(RULE.outputFields());
        fields.addAll(RULE_DETAILS.outputFields());
        RULE_DETAIL_FIELDS = List.copyOf(fields);
    }

    /** api/rules/show names the template flag {@code template} in older versions, {@code isTemplate} in newer ones. */
    static final ItemMapper RULE_WITH_DETAILS = (item, body) -> {
        ObjectNode rule = RULE.apply(item);
        if (rule.path("is_template").isNull() && item.path("template").isBoolean()) {
            rule.put("is_template", item.path("template").asBoolean());
        }
        rule.setAll(RULE_DETAILS.apply(item));
        return rule;
    };

    static final Mapping QUALITY_PROFILE = Mapping.of("key", "name", "language", "languageName", "isDefault",
            "isInherited", "isBuiltIn", "activeRuleCount", "activeDeprecatedRuleCount", "parentKey", "parentName",
            "projectCount", "ruleUpdatedAt->rules_updated_at", "lastUsed", "userUpdatedAt");

    static final Mapping LANGUAGE = Mapping.of("key", "name");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_search_rules", "/actions/rules", "Search rules",
                                "Rules available to the organization, filtered by text, language, repository, "
                                        + "severity, type, tag, quality profile or Clean Code taxonomy.")
                        .domain("rules")
                        .params(Param.string("q", "Text to find in rule names or keys"),
                                Param.list("languages", "Language keys, e.g. java"),
                                Param.list("repositories", "Rule repositories, e.g. java"),
                                Param.list("severities", "Legacy severities")
                                        .oneOf("INFO", "MINOR", "MAJOR", "CRITICAL", "BLOCKER"),
                                Param.list("types", "Legacy types")
                                        .oneOf("CODE_SMELL", "BUG", "VULNERABILITY", "SECURITY_HOTSPOT"),
                                Param.list("tags", "Rule tags"),
                                Param.string("qprofile", "Quality profile key (with activation)"),
                                Param.bool("activation", "Only rules active (true) or inactive (false) in qprofile"),
                                Param.list("impact_severities", "Impact severities")
                                        .oneOf("INFO", "LOW", "MEDIUM", "HIGH", "BLOCKER"),
                                Param.list("impact_software_qualities", "Impacted software qualities")
                                        .oneOf("MAINTAINABILITY", "RELIABILITY", "SECURITY"),
                                Param.list("clean_code_attribute_categories", "Clean Code attribute categories")
                                        .oneOf("ADAPTABLE", "CONSISTENT", "INTENTIONAL", "RESPONSIBLE"))
                        .call("api/rules/search").organization()
                        .permission(SonarPermission.NONE)
                        .partitions("rules", FilterPartitions.RULE_TYPES, RULE),

                Action.read("sonarcloud_get_rule", "/actions/rules/{rule_key}", "Get a rule",
                                "One rule by key (e.g. java:S1144), with its description and parameters.")
                        .domain("rules")
                        .params(Param.string("rule_key", "Rule key, e.g. java:S1144").required().matching(RULE_KEY)
                                .sonar("key"))
                        .call("api/rules/show").organization()
                        .permission(SonarPermission.NONE)
                        .object("rule", RULE_WITH_DETAILS, RULE_DETAIL_FIELDS),

                Action.read("sonarcloud_list_quality_profiles", "/actions/quality_profiles", "List quality profiles",
                                "The organization's quality profiles, optionally for one language or project, or only "
                                        + "the default ones.")
                        .domain("rules")
                        .params(Param.string("language", "Language key, e.g. java"),
                                Param.string("project", "Project key: the profiles it uses")
                                        .matching(CommonParams.COMPONENT_KEY),
                                Param.bool("defaults", "Only the default profile of each language"))
                        .call("api/qualityprofiles/search").organization()
                        .permission(SonarPermission.NONE)
                        .list("profiles", QUALITY_PROFILE),

                Action.read("sonarcloud_list_languages", "/actions/languages", "List languages",
                                "The languages SonarQube Cloud analyzes, optionally filtered by a text.")
                        .domain("rules")
                        .params(Param.string("q", "Text to find in language keys or names"))
                        .call("api/languages/list")
                        .permission(SonarPermission.NONE)
                        .list("languages", LANGUAGE));
    }
}
