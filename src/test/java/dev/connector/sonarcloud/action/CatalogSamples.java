package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.sim.SimulatorDefaults;
import java.util.List;
import java.util.Map;

/** Inputs each action succeeds with against the simulator (see {@link CatalogTest.Sample}). */
final class CatalogSamples {

    static final String PROJECT = SimulatorDefaults.EU_PROJECT;
    static final String FILE = PROJECT + ":Priority.java";

    private CatalogSamples() {
    }

    static void addTo(Map<String, CatalogTest.Sample> s) {
        CatalogTest.Sample none = new CatalogTest.Sample(Map.of(), Map.of());
        // access
        s.put("sonarcloud_list_groups", none.with("q", "e"));
        s.put("sonarcloud_create_group", none.with("name", "release-managers").with("description", "Release managers"));
        s.put("sonarcloud_update_group", none.at("group_name", "developers").with("description", "Platform developers"));
        s.put("sonarcloud_delete_group", none.at("group_name", "developers"));
        s.put("sonarcloud_list_group_members", none.at("group_name", "developers").with("selected", "all"));
        s.put("sonarcloud_add_group_member", none.at("group_name", "developers").with("login", "jdoe"));
        s.put("sonarcloud_remove_group_member", none.at("group_name", "developers").at("login", "mmember"));
        s.put("sonarcloud_list_user_groups_of_user", none.at("login", "ada.lovelace"));
        s.put("sonarcloud_list_group_permissions", none.with("project_key", PROJECT));
        s.put("sonarcloud_list_user_permissions", none.with("permission", "admin"));
        s.put("sonarcloud_grant_group_permission", none.with("group_name", "developers").with("permission", "issueadmin")
                .with("project_key", PROJECT));
        s.put("sonarcloud_revoke_group_permission", none.with("group_name", "developers").with("permission", "scan"));
        s.put("sonarcloud_grant_user_permission", none.with("login", "ada.lovelace").with("permission", "gateadmin"));
        s.put("sonarcloud_revoke_user_permission", none.with("login", "mmember").with("permission", "codeviewer")
                .with("project_key", PROJECT));
        s.put("sonarcloud_list_permission_templates", none);
        s.put("sonarcloud_create_permission_template", none.with("name", "Finance").with("project_key_pattern", "fin_.*"));
        s.put("sonarcloud_update_permission_template", none.at("template_id", "AU-template-private")
                .with("description", "Finance unit projects"));
        s.put("sonarcloud_delete_permission_template", none.at("template_id", "AU-template-private"));
        s.put("sonarcloud_apply_permission_template", none.at("template_id", "AU-template-private")
                .with("project_key", PROJECT));
        s.put("sonarcloud_add_group_to_permission_template", none.at("template_id", "AU-template-default")
                .with("group_name", "developers").with("permission", "codeviewer"));
        s.put("sonarcloud_set_default_permission_template", none.at("template_id", "AU-template-private"));
        s.put("sonarcloud_list_user_tokens", none);
        s.put("sonarcloud_revoke_user_token", none.at("name", "connector"));
        // projects
        s.put("sonarcloud_create_project", none.with("project_key", "my-org_new-service").with("name", "New service")
                .with("visibility", "private"));
        s.put("sonarcloud_delete_project", none.at("project_key", SimulatorDefaults.EU_SECOND_PROJECT));
        s.put("sonarcloud_update_project_visibility", none.at("project_key", PROJECT).with("visibility", "public"));
        s.put("sonarcloud_update_project_key", none.at("project_key", PROJECT).with("new_key", "my-org_renamed"));
        s.put("sonarcloud_export_project_findings", none.at("project_key", PROJECT).with("branch", "master"));
        s.put("sonarcloud_list_project_tags", none.with("q", "a"));
        s.put("sonarcloud_set_project_tags", none.at("project_key", PROJECT).with("tags", List.of("finance", "java")));
        s.put("sonarcloud_list_project_links", none.at("project_key", PROJECT));
        s.put("sonarcloud_create_project_link", none.at("project_key", PROJECT).with("name", "Docs")
                .with("url", "https://docs.example.com"));
        s.put("sonarcloud_delete_project_link", none.at("link_id", "AU-link-ci"));
        s.put("sonarcloud_get_settings", none.with("component", PROJECT).with("keys", List.of("sonar.exclusions")));
        s.put("sonarcloud_set_setting", none.with("key", "sonar.exclusions").with("values", List.of("**/gen/**"))
                .with("component", PROJECT));
        s.put("sonarcloud_reset_setting", none.with("keys", List.of("sonar.exclusions")).with("component", PROJECT));
        s.put("sonarcloud_list_setting_definitions", none.with("component", PROJECT));
        s.put("sonarcloud_get_organization_devops_binding", none);
        s.put("sonarcloud_get_project_devops_binding", none.at("project_key", PROJECT));
        s.put("sonarcloud_search_components", none.with("q", "project"));
        s.put("sonarcloud_list_organizations", none);
        s.put("sonarcloud_get_projects_by_keys", none.with("keys", List.of(PROJECT, SimulatorDefaults.EU_SECOND_PROJECT)));
        // new code, branches
        s.put("sonarcloud_get_new_code_period", none.at("project_key", PROJECT).with("branch", "feature/foo"));
        s.put("sonarcloud_list_new_code_periods", none.at("project_key", PROJECT));
        s.put("sonarcloud_set_new_code_period", none.at("project_key", PROJECT).with("type", "NUMBER_OF_DAYS")
                .with("value", "30"));
        s.put("sonarcloud_unset_new_code_period", none.at("project_key", PROJECT));
        s.put("sonarcloud_delete_branch", none.at("project_key", PROJECT).at("branch", "develop"));
        s.put("sonarcloud_rename_main_branch", none.at("project_key", PROJECT).with("name", "main"));
        s.put("sonarcloud_set_main_branch", none.at("project_key", PROJECT).with("branch", "feature/foo"));
        s.put("sonarcloud_set_branch_deletion_protection", none.at("project_key", PROJECT).at("branch", "master")
                .with("value", true));
        s.put("sonarcloud_delete_pull_request", none.at("project_key", PROJECT).at("pull_request", "123"));
        s.put("sonarcloud_get_pull_request_quality_gate_status", none.at("project_key", PROJECT)
                .at("pull_request", "123"));
        // analyses, background tasks
        s.put("sonarcloud_create_analysis_event", none.at("analysis_key", "A2").with("name", "1.3.0")
                .with("category", "VERSION"));
        s.put("sonarcloud_update_analysis_event", none.at("event_key", "E22").with("name", "6.3.1"));
        s.put("sonarcloud_delete_analysis_event", none.at("event_key", "E22"));
        s.put("sonarcloud_delete_analysis", none.at("analysis_key", "A1"));
        s.put("sonarcloud_get_component_tasks", none.at("project_key", PROJECT));
        s.put("sonarcloud_get_background_task_metrics", none.with("component", PROJECT));
        s.put("sonarcloud_get_analysis_warnings", none.at("project_key", PROJECT).with("branch", "master"));
        // triage
        s.put("sonarcloud_bulk_change_issues", none.with("issues", List.of(SimulatorDefaults.EU_FIRST_ISSUE,
                "AX-issue-000002")).with("add_tags", List.of("triaged")).with("do_transition", "confirm"));
        s.put("sonarcloud_edit_issue_comment", none.at("comment_key", SimulatorDefaults.EU_FIRST_ISSUE + "-comment-1")
                .with("text", "Reworded"));
        s.put("sonarcloud_delete_issue_comment", none.at("comment_key", SimulatorDefaults.EU_FIRST_ISSUE + "-comment-1"));
        s.put("sonarcloud_list_issue_tags", none.with("project", PROJECT));
        s.put("sonarcloud_list_issue_authors", none.with("q", "example"));
        s.put("sonarcloud_add_hotspot_comment", none.at("hotspot_key", SimulatorDefaults.EU_FIRST_HOTSPOT)
                .with("comment", "Checked with the team"));
        s.put("sonarcloud_assign_hotspot", none.at("hotspot_key", SimulatorDefaults.EU_FIRST_HOTSPOT)
                .with("assignee", "ada.lovelace"));
        s.put("sonarcloud_get_projects_measures", none.with("project_keys", List.of(PROJECT))
                .with("metric_keys", List.of("ncloc", "coverage")));
        // quality profiles, rules
        s.put("sonarcloud_get_quality_profile_changelog", none.with("language", "java").with("name", "My BU Profile"));
        s.put("sonarcloud_get_quality_profile_inheritance", none.with("language", "java").with("name", "My BU Profile"));
        s.put("sonarcloud_list_quality_profile_projects", none.at("profile_key", "AU-TpxcA-iU5OvuD2FL1")
                .with("selected", "all"));
        s.put("sonarcloud_backup_quality_profile", none.with("language", "java").with("name", "My BU Profile"));
        s.put("sonarcloud_compare_quality_profiles", none.with("left_key", "AU-TpxcA-iU5OvuD2FL1")
                .with("right_key", "iU5OvuD2FLz"));
        s.put("sonarcloud_create_quality_profile", none.with("language", "java").with("name", "Strict Java"));
        s.put("sonarcloud_copy_quality_profile", none.at("profile_key", "iU5OvuD2FLz").with("to_name", "Company copy"));
        s.put("sonarcloud_delete_quality_profile", none.with("language", "java").with("name", "My BU Profile"));
        s.put("sonarcloud_set_default_quality_profile", none.with("language", "java").with("name", "My BU Profile"));
        s.put("sonarcloud_change_quality_profile_parent", none.with("language", "java").with("name", "My BU Profile")
                .with("parent_name", "My Company Profile"));
        s.put("sonarcloud_assign_project_quality_profile", none.at("project_key", PROJECT).with("language", "java")
                .with("name", "My BU Profile"));
        s.put("sonarcloud_unassign_project_quality_profile", none.at("project_key", PROJECT).with("language", "java")
                .with("name", "My BU Profile"));
        s.put("sonarcloud_activate_rule", none.at("profile_key", "AU-TpxcA-iU5OvuD2FL1").with("rule", "java:S106")
                .with("severity", "CRITICAL"));
        s.put("sonarcloud_deactivate_rule", none.at("profile_key", "AU-TpxcA-iU5OvuD2FL1").at("rule", "java:S106"));
        s.put("sonarcloud_list_rule_tags", none.with("q", "c"));
        s.put("sonarcloud_list_rule_repositories", none.with("language", "java"));
        s.put("sonarcloud_update_rule", none.at("rule_key", "java:S1144").with("tags", List.of("cleanup"))
                .with("markdown_note", "See *our* guide"));
        // webhooks, badges, favorites, sources
        s.put("sonarcloud_update_webhook", none.at("webhook_key", "UUID-1").with("name", "CI listener")
                .with("url", "https://ci.example.com/hook"));
        s.put("sonarcloud_list_webhook_deliveries", none.with("component_key", PROJECT));
        s.put("sonarcloud_get_webhook_delivery", none.at("delivery_id", "d1"));
        s.put("sonarcloud_get_measure_badge", none.at("project_key", PROJECT).with("metric", "coverage"));
        s.put("sonarcloud_get_quality_gate_badge", none.at("project_key", PROJECT));
        s.put("sonarcloud_list_favorites", none);
        s.put("sonarcloud_add_favorite", none.with("component_key", PROJECT));
        s.put("sonarcloud_remove_favorite", none.at("component_key", PROJECT));
        s.put("sonarcloud_get_scm_blame", none.at("component_key", FILE).with("from", 1).with("to", 3));
        // v2
        s.put("sonarcloud_resolve_organization_id", none);
        s.put("sonarcloud_create_quality_gate", none.with("name", "Team gate"));
        s.put("sonarcloud_update_quality_gate", none.at("gate_id", SimulatorDefaults.EU_STRICT_GATE).with("name", "Stricter gate"));
        s.put("sonarcloud_delete_quality_gate", none.at("gate_id", SimulatorDefaults.EU_STRICT_GATE));
        s.put("sonarcloud_set_default_quality_gate", none.at("gate_id", SimulatorDefaults.EU_STRICT_GATE));
        s.put("sonarcloud_list_quality_gate_conditions", none.at("gate_id", SimulatorDefaults.EU_STRICT_GATE));
        s.put("sonarcloud_create_quality_gate_condition", none.at("gate_id", SimulatorDefaults.EU_STRICT_GATE).with("metric_id", 1031)
                .with("operator", "GREATER_THAN").with("threshold", "5"));
        s.put("sonarcloud_update_quality_gate_condition", none.at("condition_id", SimulatorDefaults.EU_STRICT_COVERAGE_CONDITION)
                .with("threshold", "85"));
        s.put("sonarcloud_delete_quality_gate_condition", none.at("condition_id", SimulatorDefaults.EU_STRICT_COVERAGE_CONDITION));
        s.put("sonarcloud_get_project_quality_gate", none.at("project_key", PROJECT));
        s.put("sonarcloud_assign_project_quality_gate", none.at("project_key", SimulatorDefaults.EU_SECOND_PROJECT)
                .with("gate_id", SimulatorDefaults.EU_STRICT_GATE));
        s.put("sonarcloud_unassign_project_quality_gate", none.at("association_id", SimulatorDefaults.EU_PROJECT_ASSOCIATION));
        s.put("sonarcloud_find_user_by_email", none.with("email", SimulatorDefaults.EU_LOGIN + "@example.com"));
        s.put("sonarcloud_list_enterprises", none);
        s.put("sonarcloud_list_portfolios", none.at("enterprise_id", SimulatorDefaults.EU_ENTERPRISE));
        s.put("sonarcloud_delete_portfolio", none.at("portfolio_id", SimulatorDefaults.EU_PAYMENTS_PORTFOLIO));
        s.put("sonarcloud_check_sca_enabled", none);
        s.put("sonarcloud_search_dependency_risks", none.at("project_key", PROJECT).with("branch", "master"));
    }
}
