package dev.connector.sonarcloud.account;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountsTest extends IntegrationTest {

    @Test
    void listFiltersAndPagesAsABareArray() {
        for (int i = 0; i < 7; i++) {
            link(EU_TOKEN, EU_ORG, "eu", "owner-" + (i % 2));
        }
        // owner-0 and owner-1 re-link: two accounts; add more with multiple=true
        for (int i = 0; i < 5; i++) {
            full().post("/connect", Map.of("personal_access_token", EU_TOKEN, "organization_key", EU_ORG,
                    "origin_owner_id", "owner-0", "origin_owner_name", "O", "multiple", true));
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String link = "/accounts?origin_owner_id=owner-0&page_size=2";
        while (link != null) {
            Api.Response page = full().get(link);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(a -> {
                assertThat(a.path("origin_owner_id").asString()).isEqualTo("owner-0");
                assertThat(seen.add(a.path("id").asString())).isTrue();
            });
            String header = page.header("Link");
            link = header == null ? null : header.replaceAll("^<http://[^/]+(/[^>]*)>; rel=\"next\"$", "$1");
            pages++;
        }
        assertThat(seen).hasSize(6);
        assertThat(pages).isEqualTo(3);
        assertThat(full().get("/accounts?status=active").json().size()).isEqualTo(7);
        assertThat(full().get("/accounts?status=error").json().size()).isZero();
        assertThat(full().get("/accounts?status=nope").status()).isEqualTo(400);
        assertThat(full().get("/accounts?page_size=101").status()).isEqualTo(400);
        assertThat(full().get("/accounts?page=garbage").status()).isEqualTo(400);
    }

    @Test
    void anotherProjectsAccountIsIndistinguishableFromUnknown() {
        String id = linkEuAccount();
        Api other = api().as(TestKeys.OTHER_PROJECT);
        Api.Response foreign = other.get("/accounts/" + id);
        Api.Response unknown = other.get("/accounts/" + UUID.randomUUID());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertThat(other.patch("/accounts/" + id, Map.of("label", "x")).status()).isEqualTo(404);
        assertThat(other.delete("/accounts/" + id).status()).isEqualTo(404);
        assertThat(other.post("/accounts/" + id + "/revalidate", null).status()).isEqualTo(404);
        assertThat(other.get("/accounts").json().size()).isZero();
        assertThat(other.account(id).get("/actions/projects").status()).isEqualTo(404);
        assertThat(full().get("/accounts/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void patchLabelAndOwnerName() {
        String id = linkEuAccount();
        Api.Response patched = full().patch("/accounts/" + id, Map.of("label", "Prod", "origin_owner_name", "New Name"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("label").asString()).isEqualTo("Prod");
        assertThat(patched.json().path("origin_owner_name").asString()).isEqualTo("New Name");
        assertThat(full().get("/accounts/" + id).json().path("label").asString()).isEqualTo("Prod");
        assertThat(full().patch("/accounts/" + id, Map.of("origin_owner_name", " ")).status()).isEqualTo(400);
    }

    @Test
    void patchCredentialsValidatesBeforeReplacing() {
        String id = linkEuAccount();
        byte[] before = jdbc.sql("select credential_ciphertext from linked_account").query(byte[].class).single();
        Api.Response rejected = full().patch("/accounts/" + id,
                Map.of("credentials", Map.of("personal_access_token", UNKNOWN_TOKEN)));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(jdbc.sql("select credential_ciphertext from linked_account").query(byte[].class).single()).isEqualTo(before);
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(200);

        Api.Response accepted = full().patch("/accounts/" + id, Map.of("credentials", Map.of("personal_access_token", EU_TOKEN)));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(jdbc.sql("select credential_ciphertext from linked_account").query(byte[].class).single()).isNotEqualTo(before);
        assertThat(accepted.text()).doesNotContain(EU_TOKEN);
    }

    @Test
    void deleteRemovesTheCiphertext() {
        String id = linkEuAccount();
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(200); // warms the credential cache
        Api.Response deleted = full().delete("/accounts/" + id);
        assertThat(deleted.status()).isEqualTo(200); // StackOne's shape: the deleted account
        assertThat(deleted.json().path("id").asString()).isEqualTo(id);
        assertThat(jdbc.sql("select count(*) from linked_account").query(Long.class).single()).isZero();
        assertThat(full().get("/accounts/" + id).status()).isEqualTo(404);
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(404);
        assertThat(full().delete("/accounts/" + id).status()).isEqualTo(404);
    }

    @Test
    void revalidateRecordsWhatSonarQubeSays() {
        String id = linkEuAccount();
        assertThat(full().post("/accounts/" + id + "/revalidate", null).json().path("status").asString()).isEqualTo("active");
        EU.answer("GET", "/api/authentication/validate", 200, "{\"valid\":false}");
        Api.Response revalidated = full().post("/accounts/" + id + "/revalidate", null);
        assertThat(revalidated.status()).isEqualTo(200);
        assertThat(revalidated.json().path("status").asString()).isEqualTo("error");
        assertThat(revalidated.json().path("status_reasons").path(0).path("code").asString()).isEqualTo("token_rejected");
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(412);
        EU.reset();
        assertThat(full().post("/accounts/" + id + "/revalidate", null).json().path("status").asString()).isEqualTo("active");
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(200);
    }

    @Test
    void accountsNeedTheAccountsScope() {
        assertThat(api().as(TestKeys.CONNECT_ONLY).get("/accounts").status()).isEqualTo(403);
    }

    @Test
    void ciphertextMovedToAnotherRowDoesNotDecryptAndMarksNothing() {
        String first = link(EU_TOKEN, EU_ORG, "eu", "owner-a");
        String second = link(EU_TOKEN, EU_ORG, "eu", "owner-b");
        byte[] own = jdbc.sql("select credential_ciphertext from linked_account where id = :b")
                .param("b", UUID.fromString(second)).query(byte[].class).single();
        jdbc.sql("update linked_account set credential_ciphertext = (select credential_ciphertext from linked_account where id = :a) where id = :b")
                .param("a", UUID.fromString(first)).param("b", UUID.fromString(second)).update();
        Api.Response action = full().account(second).get("/actions/projects");
        assertThat(action.status()).isEqualTo(503);
        assertThat(action.json().path("code").asString()).isEqualTo("credential_unreadable");
        assertThat(action.json().path("detail").asString()).contains("no need to re-link");
        assertThat(full().post("/accounts/" + second + "/revalidate", null).status()).isEqualTo(503);
        // a service-side condition: the account is not marked as the user's problem
        var account = full().get("/accounts/" + second).json();
        assertThat(account.path("status").asString()).isEqualTo("active");
        assertThat(account.path("status_reasons").size()).isZero();
        assertThat(full().account(first).get("/actions/projects").status()).isEqualTo(200);

        // once the row is readable again the account works, without revalidate
        jdbc.sql("update linked_account set credential_ciphertext = :c where id = :b")
                .param("c", own).param("b", UUID.fromString(second)).update();
        assertThat(full().account(second).get("/actions/projects").status()).isEqualTo(200);
    }
}
