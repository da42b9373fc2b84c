package dev.connector.sonarcloud.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.account.AccountCredential;
import dev.connector.sonarcloud.account.AccountService;
import dev.connector.sonarcloud.account.AccountStatus;
import dev.connector.sonarcloud.account.LinkedAccount;
import dev.connector.sonarcloud.sonar.Region;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * H1: a write (delete, new credentials, status change) racing with actions that miss the credential cache must not
 * leave the old credential in the cache. Each trial links a fresh account (cold cache), releases readers that load
 * the credential at the same moment as the write, and checks what the cache serves once the write has returned.
 * On the code before the fix about one trial in three to five caught the stale entry; 200 trials per write catch
 * a 1-in-40 race with probability 1 - (39/40)^200 = 99.4%, and the three variants together (600 trials)
 * 1 - 2.5e-7, in about ten seconds.
 */
class CredentialRaceTest extends IntegrationTest {

    private static final int TRIALS = 200;
    private static final int READERS = 8;
    private static final String PROJECT = "project-a";
    private static final String OLD_TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String NEW_TOKEN = "fedcba9876543210fedcba9876543210fedcba98";

    @Autowired
    AccountService accounts;

    @Test
    void h1_deleteRacingWithCacheMissesLeavesNoCredential() throws Exception {
        int stale = race(id -> accounts.delete(PROJECT, id), id -> {
            try {
                accounts.credential(PROJECT, id);
                return true;
            } catch (ApiException e) {
                assertThat(e.status()).isEqualTo(404);
                return false;
            }
        });
        assertThat(stale).as("trials in which the deleted account's credential was still served").isZero();
    }

    @Test
    void h1_newCredentialsRacingWithCacheMissesServeOnlyTheNewToken() throws Exception {
        int stale = race(id -> relink(id, NEW_TOKEN),
                id -> !accounts.credential(PROJECT, id).token().equals(NEW_TOKEN));
        assertThat(stale).as("trials in which the replaced token was still served").isZero();
    }

    @Test
    void h1_statusChangeRacingWithCacheMissesStopsTheAccount() throws Exception {
        int stale = race(id -> accounts.setStatus(PROJECT, id, AccountStatus.INACTIVE, null, null), id -> {
            try {
                accounts.credential(PROJECT, id);
                return true;
            } catch (ApiException e) {
                assertThat(e.status()).isEqualTo(412);
                return false;
            }
        });
        assertThat(stale).as("trials in which the deactivated account's credential was still served").isZero();
    }

    private interface StaleCheck {
        boolean isStale(UUID id);
    }

    /** Runs the trials; answers in how many of them the cache still served the old state after the write. */
    private int race(Consumer<UUID> write, StaleCheck check) throws Exception {
        int stale = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(READERS + 1)) {
            for (int trial = 0; trial < TRIALS; trial++) {
                UUID id = link();
                CyclicBarrier start = new CyclicBarrier(READERS + 1);
                List<Future<?>> readers = new ArrayList<>();
                for (int i = 0; i < READERS; i++) {
                    readers.add(pool.submit(() -> {
                        start.await();
                        for (int n = 0; n < 3; n++) {
                            try {
                                AccountCredential ignored = accounts.credential(PROJECT, id);
                            } catch (ApiException e) {
                                return null; // already gone or stopped
                            }
                        }
                        return null;
                    }));
                }
                start.await();
                write.accept(id);
                for (Future<?> reader : readers) {
                    reader.get();
                }
                if (check.isStale(id)) {
                    stale++;
                }
            }
        }
        return stale;
    }

    private UUID link() {
        return accounts.link(new AccountService.Link(PROJECT, "race-" + UUID.randomUUID(), "Racer", null, null,
                "my-org", Region.EU, OLD_TOKEN, "jdoe", "John Doe", false, null), () -> { }).account().id();
    }

    private void relink(UUID id, String token) {
        accounts.link(new AccountService.Link(PROJECT, "ignored", null, null, null, "my-org", Region.EU, token,
                "jdoe", "John Doe", false, id), () -> { });
    }
}
