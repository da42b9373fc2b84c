package dev.connector.sonarcloud.credential;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connector.sonarcloud.account.AccountRepository;
import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.CredentialCacheProperties;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import dev.connector.sonarcloud.web.ApiException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A wrong keyset makes the service not ready with a clear log line and marks no account; with the right keyset the
 * same accounts work again without revalidate. (The service's own keyset is the "right" one; a second cipher on the
 * same database plays the service started with the wrong one.)
 */
@ExtendWith(OutputCaptureExtension.class)
class KeysetCheckTest extends IntegrationTest {

    @Autowired
    CredentialCipher rightCipher;
    @Autowired
    AccountRepository repository;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    dev.connector.sonarcloud.event.AccountEvents events;

    @Test
    void wrongKeysetMeansNotReadyAndRightKeysetServesTheSameAccountsWithoutRevalidate(CapturedOutput output) {
        String id = linkEuAccount();
        CredentialCipher wrongCipher = new CredentialCipher(TestKeys.newKeyset());

        KeysetCheck wrong = new KeysetCheck(jdbc, wrongCipher, Duration.ZERO);
        assertThat(wrong.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(output.getOut()).contains("WRONG CREDENTIAL KEYSET");
        AccountService wrongService = new AccountService(repository, wrongCipher, transactions, events,
                new CredentialCacheProperties(100, Duration.ofMinutes(1), Duration.ofSeconds(5)));
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> wrongService.credential("project-a", UUID.fromString(id)));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("credential_unreadable");
        assertThat(full().get("/accounts/" + id).json().path("status").asString()).isEqualTo("active");

        KeysetCheck right = new KeysetCheck(jdbc, rightCipher, Duration.ZERO);
        assertThat(right.health().getStatus()).isEqualTo(Status.UP);
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(200);
    }

    @Test
    void rowsOnKeysMissingFromTheKeysetAreWarnedAboutWhileOthersStayReadable(CapturedOutput output) {
        linkEuAccount();
        CredentialCipher foreign = new CredentialCipher(TestKeys.newKeyset());
        UUID orphan = UUID.randomUUID();
        byte[] ciphertext = foreign.encrypt(EU_TOKEN, "project-a", orphan);
        jdbc.sql("""
                insert into linked_account (id, project, status, origin_owner_id, origin_owner_name, organization_key,
                    region, credential_ciphertext, credential_key_id, token_last_used_at, created_at, updated_at, multiple)
                values (:id, 'project-a', 'active', 'orphan', 'O', :org, 'eu', :c, :k, now(), now(), now(), true)""")
                .param("id", orphan).param("org", EU_ORG).param("c", ciphertext)
                .param("k", CredentialCipher.keyId(ciphertext)).update();

        KeysetCheck.Result result = new KeysetCheck(jdbc, rightCipher, Duration.ZERO).check();
        assertThat(result.readable()).isTrue();
        assertThat(result.rowsOnMissingKeys()).containsEntry(CredentialCipher.keyId(ciphertext), 1L);
        assertThat(output.getOut()).contains("key ids missing from the keyset");
        Api.Response orphanAction = full().account(orphan.toString()).get("/actions/projects");
        assertThat(orphanAction.status()).isEqualTo(503);
        assertThat(orphanAction.json().path("code").asString()).isEqualTo("credential_unreadable");
    }

    @Test
    void accountsAnOlderVersionMarkedUnreadableHealOnceTheirCredentialDecrypts() {
        String id = linkEuAccount();
        jdbc.sql("""
                update linked_account set status = 'error', status_reasons = cast(:reasons as jsonb) where id = :id""")
                .param("reasons", "[{\"code\":\"credential_unreadable\",\"description\":\"re-link\",\"timestamp\":\"2026-11-30T10:00:00Z\"}]")
                .param("id", UUID.fromString(id)).update();
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(412);

        new KeysetCheck(jdbc, rightCipher, Duration.ZERO).check();

        assertThat(full().get("/accounts/" + id).json().path("status").asString()).isEqualTo("active");
        assertThat(full().account(id).get("/actions/projects").status()).isEqualTo(200);
    }

    @Test
    void readinessIncludesTheKeysetCheck() {
        Api.Response readiness = full().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text()).contains("keyset");
    }
}
