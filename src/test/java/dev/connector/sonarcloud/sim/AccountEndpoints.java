package dev.connector.sonarcloud.sim;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Authentication, organizations and users. */
final class AccountEndpoints {

    private AccountEndpoints() {
    }

    /** SonarQube answers {@code valid:true} when no token is sent at all; only an unknown token is invalid. */
    static Reply validate(Call call) {
        Optional<String> token = call.request().token();
        boolean valid = token.isEmpty() || call.state().token(token).isPresent();
        return Reply.json("{\"valid\":" + valid + "}");
    }

    static Reply searchOrganizations(Call call) {
        SimToken user = knownToken(call);
        Paging paging = Paging.parse(call.request(), 100, 500);
        List<String> keys = call.request().list("organizations");
        boolean memberOnly = call.request().booleanParam("member", false);
        List<SimOrganization> found = keys.isEmpty()
                ? user.organizations().stream().sorted().flatMap(k -> call.state().organization(k).stream()).toList()
                : keys.stream()
                        .flatMap(key -> call.state().organization(key).stream())
                        .filter(org -> !memberOnly || user.isMemberOf(org.key()))
                        .toList();
        ObjectNode body = Json.object();
        body.set("paging", paging.json(found.size()));
        ArrayNode organizations = body.putArray("organizations");
        for (SimOrganization org : paging.slice(found)) {
            ObjectNode json = organizations.addObject();
            json.put("key", org.key());
            json.put("name", org.name());
            json.put("description", "");
            json.put("url", "");
            json.put("avatar", "");
            json.put("guarded", false);
            ObjectNode actions = json.putObject("actions");
            actions.put("admin", false);
            actions.put("delete", false);
            actions.put("provision", user.isMemberOf(org.key()));
        }
        return Reply.json(Json.write(body));
    }

    /** Anonymous callers get {@code isLoggedIn:false}; an unknown token is rejected like on any endpoint. */
    static Reply currentUser(Call call) {
        if (call.request().token().isEmpty()) {
            return Reply.json("{\"isLoggedIn\":false,\"permissions\":{\"global\":[]}}");
        }
        SimToken user = knownToken(call);
        ObjectNode body = Fixtures.copy("user/current-example.json");
        body.put("login", user.login());
        body.put("name", user.name());
        body.put("email", user.email());
        body.put("local", false);
        body.put("externalIdentity", user.login());
        body.put("externalProvider", "github");
        body.set("scmAccounts", Json.array());
        body.set("groups", Json.array());
        body.put("avatar", IssueJson.avatar(user.login()));
        body.remove("homepage");
        body.put("id", UUID.nameUUIDFromBytes(user.login().getBytes()).toString());
        return Reply.json(Json.write(body));
    }

    private static SimToken knownToken(Call call) {
        return call.state().token(call.request().token()).orElseThrow(SonarApiException::unauthorized);
    }
}
