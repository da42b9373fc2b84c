package dev.connector.sonarcloud.action.catalog;

import dev.connector.sonarcloud.action.Action;
import dev.connector.sonarcloud.action.ActionCatalog;
import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionResult;
import dev.connector.sonarcloud.action.Mapping;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.action.SonarPermission;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The linked account itself: its token, its organization, the organization's members, the token's user. */
@Component
public class OrganizationActions implements ActionCatalog {

    static final Mapping ORGANIZATION = Mapping.of("key", "name", "description", "url", "avatar", "guarded",
            "actions");

    static final Mapping MEMBER = Mapping.of("login", "name", "avatar", "groupCount");

    static final Mapping USER = Mapping.of("login", "name", "email", "isLoggedIn", "local", "externalIdentity",
            "externalProvider", "scmAccounts", "groups", "permissions", "avatar", "id");

    @Override
    public List<ActionDefinition> actions() {
        return List.of(
                Action.read("sonarcloud_validate_credentials", "/actions/credentials/validate", "Validate credentials",
                                "Whether SonarQube Cloud accepts the linked account's token.")
                        .domain("organizations")
                        .call("api/authentication/validate")
                        .permission(SonarPermission.NONE)
                        .object("", Mapping.of("valid")),

                Action.read("sonarcloud_get_organization", "/actions/organization", "Get the organization",
                                "The linked account's organization: name, description, links, permissions.")
                        .domain("organizations")
                        .call("api/organizations/search")
                        .permission(SonarPermission.NONE)
                        .custom(ORGANIZATION.outputFields(), port -> {
                            JsonNode body = port.call(Map.of("organizations", port.organization()));
                            JsonNode organization = body.path("organizations").path(0);
                            if (organization.isMissingNode()) {
                                throw ApiException.notFound("Organization '" + port.organization() + "' is not visible to this account");
                            }
                            return new ActionResult(ORGANIZATION.apply(organization), null, body);
                        }),

                Action.read("sonarcloud_list_organization_members", "/actions/organization/members",
                                "List organization members", "Members of the organization, optionally filtered by a text.")
                        .domain("organizations")
                        .params(Param.string("q", "Text to find in logins or names"))
                        .call("api/organizations/search_members").organization()
                        .permission(SonarPermission.ORGANIZATION_MEMBER)
                        .pages("users", MEMBER),

                Action.read("sonarcloud_get_current_user", "/actions/me", "Get the current user",
                                "The user the linked account's token belongs to.")
                        .domain("organizations")
                        .call("api/users/current")
                        .permission(SonarPermission.NONE)
                        .object("", USER));
    }
}
