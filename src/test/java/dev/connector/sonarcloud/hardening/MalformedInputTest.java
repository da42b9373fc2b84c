package dev.connector.sonarcloud.hardening;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Input that the service must refuse with a clear 400 (or 409), never a 500, and never store damaged. */
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputTest extends IntegrationTest {

    /** A token of "jdoe2", member of my-org and second-org (so one owner can hold two accounts). */
    private static final String TWO_ORG_TOKEN = "4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d";

    @Test
    void h3_malformedEscapeInAFormEncodedConnectNeitherLogsTheTokenNorAnswers500(CapturedOutput output) {
        String pat = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
        Api.Response response = full().send("POST", "/connect", "application/x-www-form-urlencoded",
                "personal_access_token=" + pat + "%&organization_key=" + EU_ORG
                        + "&origin_owner_id=o&origin_owner_name=O");
        assertProblem(response, 400, "validation_failed");
        assertThat(response.text()).doesNotContain(pat);
        assertThat(output.getAll()).doesNotContain(pat);
        // with a connect session token (the Hub's way) too
        String session = full().post("/connect_sessions", Map.of("origin_owner_id", "o", "origin_owner_name", "O"))
                .json().path("token").asString();
        Api.Response hub = api().header("Authorization", "Bearer " + session).send("POST", "/connect",
                "application/x-www-form-urlencoded", "personal_access_token=" + pat + "%4&organization_key=" + EU_ORG);
        assertProblem(hub, 400, "validation_failed");
        assertThat(output.getAll()).doesNotContain(pat);
    }

    @Test
    void m3_malformedEscapesInvalidUtf8AndTooManyParametersAre400OnEveryRoute() {
        String auth = "Authorization: Bearer " + dev.connector.sonarcloud.support.TestKeys.FULL;
        for (String target : new String[] {"/accounts?origin_owner_id=%ZZ", "/accounts?origin_owner_id=%C3%28",
                "/accounts?status=%", "/actions/projects?q=%G1", "/actions?x=%FF%FE", "/actuator/health?x=%ZZ",
                "/openapi.yaml?x=%"}) {
            assertRawProblem(RawHttp.get(port, target, auth), 400, "validation_failed");
        }
        String manyParameters = IntStream.range(0, 1_001).mapToObj(i -> "p" + i + "=v").collect(Collectors.joining("&"));
        Api raw = full().withoutContractCheck();
        assertProblem(raw.send("POST", "/connect", "application/x-www-form-urlencoded", manyParameters), 400,
                "validation_failed");
        assertProblem(raw.get("/accounts?" + manyParameters), 400, "validation_failed");
        assertProblem(raw.send("POST", "/connect", "application/x-www-form-urlencoded; charset=UTF-8",
                "personal_access_token=%C3%28abcdefgh&organization_key=my-org"), 400, "validation_failed");
    }

    static void assertRawProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        assertThat(response.json().path("request_id").asString()).isNotBlank();
    }

    @Test
    void m4_relinkOntoAnotherAccountsOwnerAndOrganizationIs409() {
        EU.addOrganization("second-org", "Second");
        EU.addToken(TWO_ORG_TOKEN, "jdoe2", "Jane Doe", EU_ORG, "second-org");
        String first = link(TWO_ORG_TOKEN, EU_ORG, "eu", "owner-m4");
        String second = link(TWO_ORG_TOKEN, "second-org", "eu", "owner-m4");
        assertThat(second).isNotEqualTo(first);
        Api.Response response = full().patch("/accounts/" + second, Map.of("credentials", Map.of(
                "personal_access_token", TWO_ORG_TOKEN, "organization_key", EU_ORG)));
        assertProblem(response, 409, "conflict");
        // the same through a connect session that re-links the second account
        String session = full().post("/connect_sessions", Map.of("origin_owner_id", "owner-m4",
                "origin_owner_name", "O", "account_id", second)).json().path("token").asString();
        Api.Response hub = api().header("Authorization", "Bearer " + session).post("/connect",
                Map.of("personal_access_token", TWO_ORG_TOKEN, "organization_key", EU_ORG));
        assertProblem(hub, 409, "conflict");
        assertThat(full().get("/accounts/" + second).json().path("setup_information").path("organization_key").asString())
                .isEqualTo("second-org");
    }

    @Test
    void m5_patchedOwnerNameGetsTheControlCharacterCheck() {
        String account = linkEuAccount();
        for (String name : new String[] {"nul\u0000here", "two\nlines", "\u001b[31mred", "tab\tbed"}) {
            Api.Response response = full().patch("/accounts/" + account, Map.of("origin_owner_name", name));
            assertProblem(response, 400, "validation_failed");
            assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("origin_owner_name");
        }
        assertThat(full().get("/accounts/" + account).json().path("origin_owner_name").asString()).isEqualTo("Owner owner-1");
    }

    @Test
    void l5_loneSurrogatesAreRefusedNotStoredAsQuestionMarks() {
        Api.Response connect = full().send("POST", "/connect", "application/json",
                "{\"personal_access_token\":\"0123456789abcdef0123456789abcdef01234567\",\"organization_key\":\"my-org\","
                        + "\"origin_owner_id\":\"owner-\\ud800\",\"origin_owner_name\":\"O\"}");
        assertProblem(connect, 400, "validation_failed");
        Api.Response session = full().send("POST", "/connect_sessions", "application/json",
                "{\"origin_owner_id\":\"owner-\\udc00x\",\"origin_owner_name\":\"O\"}");
        assertProblem(session, 400, "validation_failed");
        String account = linkEuAccount();
        Api.Response patch = full().send("PATCH", "/accounts/" + account, "application/json",
                "{\"label\":\"a\\ud83d\"}");
        assertProblem(patch, 400, "validation_failed");
        // a well-formed pair (an emoji) is fine
        Api.Response emoji = full().send("PATCH", "/accounts/" + account, "application/json", "{\"label\":\"a\\ud83d\\ude00\"}");
        assertThat(emoji.status()).isEqualTo(200);
        assertThat(emoji.json().path("label").asString()).isEqualTo("a\uD83D\uDE00");
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo(code);
        assertThat(response.json().path("request_id").asString()).isNotBlank();
    }
}
