package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import dev.connector.sonarcloud.action.Upstream;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Web API v2 beyond quality gates: the organization's v2 id, users by e-mail, enterprises and their portfolios
 * (Enterprise plan), and dependency risks (SCA, Advanced Security).
 */
@Component
public class EnterpriseActions implements ActionCatalog {

    static final Mapping ORGANIZATION = Mapping.of("id", "key", "name");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_resolve_organization_id", "/actions/organization/id",
                                "Get the organization's v2 id",
                                "The linked organization's Web API v2 id (a UUID), which v2 endpoints name it by.")
                        .domain("organizations")
                        .call(HttpMethod.GET, Upstream.Host.V2, "organizations/organizations")
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .custom(ORGANIZATION.outputFields(), port -> {
                            JsonNode body = port.call(Map.of("organizationKey", port.organization()));
                            for (JsonNode organization : body.isArray() ? body : body.path("organizations")) {
                                if (port.organization().equals(organization.path("key").asString(null))) {
                                    var data = ORGANIZATION.apply(organization);
                                    if (organization.path("uuidV4").isString()) {
                                        data.put("id", organization.path("uuidV4").asString());
                                    }
                                    return new ActionResult(data, null, body);
                                }
                            }
                            throw ApiException.notFound("SonarQube Cloud answered no organization '"
                                    + port.organization() + "'");
                        }),

                Action.read("sonarcloud_find_user_by_email", "/actions/users", "Find users by e-mail",
                                "Users with this e-mail address among the organizations' members (before adding "
                                        + "someone to a group or granting a permission).")
                        .domain("organizations")
                        .params(Param.string("email", "E-mail address").required().matching("[^\\s@]{1,200}@[^\\s@]{1,200}"))
                        .call(HttpMethod.GET, Upstream.Host.V2, "users/users")
                        .permission(SonarPermission.ADMINISTER)
                        .v2Pages("users", Mapping.of("id", "login", "name", "email", "avatar")),

                Action.read("sonarcloud_list_enterprises", "/actions/enterprises", "List enterprises",
                                "The enterprises (Enterprise plan) the token owner belongs to, with their ids.")
                        .domain("enterprises")
                        .call(HttpMethod.GET, Upstream.Host.V2, "enterprises/enterprises")
                        .permission(SonarPermission.NONE)
                        .list("", Mapping.of("id", "key", "name", "avatar")),

                Action.read("sonarcloud_list_portfolios", "/actions/enterprises/{enterprise_id}/portfolios",
                                "List portfolios", "An enterprise's portfolios.")
                        .domain("enterprises")
                        .params(Param.string("enterprise_id", "Enterprise id (from sonarcloud_list_enterprises)")
                                        .required().matching(QualityGateV2Actions.UUID).sonar("enterpriseId"),
                                Param.string("q", "Part of the portfolio name"))
                        .call(HttpMethod.GET, Upstream.Host.V2, "enterprises/portfolios")
                        .permission(SonarPermission.NONE)
                        .v2Pages("portfolios", Mapping.of("id", "name", "description", "enterpriseId", "selection",
                                "favorite", "draft"), 50),

                Action.write("sonarcloud_delete_portfolio", HttpMethod.DELETE, "/actions/portfolios/{portfolio_id}",
                                "Delete a portfolio", "Deletes a portfolio of an enterprise.")
                        .domain("enterprises")
                        .params(Param.string("portfolio_id", "Portfolio id").required()
                                .matching(QualityGateV2Actions.UUID).sonar("id"))
                        .call(HttpMethod.DELETE, Upstream.Host.V2, "enterprises/portfolios/{portfolio_id}")
                        .permission(SonarPermission.ADMINISTER)
                        .custom(Acknowledged.fields("portfolio_id"), Acknowledged.handler("portfolio_id")),

                Action.read("sonarcloud_check_sca_enabled", "/actions/sca/enabled",
                                "Is dependency analysis enabled",
                                "Whether SonarQube Cloud's dependency analysis (SCA, Advanced Security) is on for the "
                                        + "organization.")
                        .domain("dependency_risks")
                        .call(HttpMethod.GET, Upstream.Host.V2, "sca/feature-enabled").organization()
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .object("", Mapping.of("enabled")),

                Action.read("sonarcloud_search_dependency_risks", "/actions/projects/{project_key}/dependency_risks",
                                "Search dependency risks",
                                "Vulnerable or prohibited-licence dependencies of a project's branch or pull request.")
                        .domain("dependency_risks")
                        .params(CommonParams.componentKey("project_key", "Project key", "projectKey"),
                                Param.string("branch", "Branch name").sonar("branchKey"),
                                Param.string("pull_request", "Pull request id").sonar("pullRequestKey"))
                        .call(HttpMethod.GET, Upstream.Host.V2, "sca/issues-releases")
                        .permission(SonarPermission.BROWSE)
                        .v2Pages("issuesReleases", Mapping.of("key", "type", "severity", "quality", "status",
                                "release", "vulnerabilityId", "createdAt->created_at")));
    }
}
