package dev.connector.sonarcloud.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Rotation on thousands of real rows: key 1 writes, key 2 becomes primary, re-encryption, then key 1 is removed. */
class KeyRotationTest extends IntegrationTest {

    private static final int ROWS = 3_000;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void rowsMoveToTheNewPrimaryKeyAndSurviveRemovingTheOldOne() throws Exception {
        AeadConfig.register();
        KeysetHandle key1 = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        KeysetHandle keys12 = KeysetHandle.newBuilder(key1)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                .build();
        KeysetHandle key2Only = KeysetHandle.newBuilder(keys12).deleteAt(0).build();
        CredentialCipher cipher1 = new CredentialCipher(json(key1));
        CredentialCipher cipher12 = new CredentialCipher(json(keys12));
        CredentialCipher cipher2 = new CredentialCipher(json(key2Only));
        assertThat(cipher12.primaryKeyId()).isNotEqualTo(cipher1.primaryKeyId()).isEqualTo(cipher2.primaryKeyId());

        for (int i = 0; i < ROWS; i++) {
            UUID id = UUID.randomUUID();
            byte[] ciphertext = cipher1.encrypt("token-" + i, "project-a", id);
            jdbc.sql("""
                    insert into linked_account (id, project, status, origin_owner_id, origin_owner_name, organization_key,
                        region, credential_ciphertext, credential_key_id, token_last_used_at, created_at, updated_at, multiple)
                    values (:id, 'project-a', 'active', :owner, 'O', 'my-org', 'eu', :c, :k, now(), now(), now(), true)""")
                    .param("id", id).param("owner", "owner-" + i).param("c", ciphertext)
                    .param("k", CredentialCipher.keyId(ciphertext)).update();
        }

        CredentialRotation rotation = new CredentialRotation(jdbc, cipher12, transactions, new SimpleMeterRegistry());
        assertThat(rotation.usage().rowsOnOldKeys()).isEqualTo(ROWS);
        CredentialRotation.Reencryption result = rotation.reencryptAll();
        assertThat(result.unreadable()).as(result.toString()).isZero();
        assertThat(result.reencrypted()).isEqualTo(ROWS);
        assertThat(result.unreadable()).isZero();
        assertThat(result.remainingOnOldKeys()).isZero();
        assertThat(rotation.usage().rowsByKeyId()).containsOnlyKeys(Long.toString(cipher12.primaryKeyId()));

        List<Map<String, Object>> rows = jdbc.sql("select id, credential_ciphertext from linked_account").query().listOfRows();
        for (Map<String, Object> row : rows) {
            UUID id = (UUID) row.get("id");
            byte[] ciphertext = (byte[]) row.get("credential_ciphertext");
            assertThat(cipher2.decrypt(ciphertext, "project-a", id)).startsWith("token-");
            assertThatThrownBy(() -> cipher1.decrypt(ciphertext, "project-a", id)).isInstanceOf(CredentialUnreadableException.class);
        }
    }

    @Test
    void operatorEndpointsNeedTheAdminScope() {
        linkEuAccount();
        Api.Response keys = full().get("/admin/credentials/keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("rows_on_old_keys").asLong()).isZero();
        Api.Response run = full().post("/admin/credentials/reencrypt", null);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().path("reencrypted").asLong()).isZero();
        assertThat(api().as(TestKeys.READ_ONLY).get("/admin/credentials/keys").status()).isEqualTo(403);
        assertThat(api().get("/actuator/prometheus").text()).contains("connector_credentials_old_key_rows");
    }

    private static String json(KeysetHandle handle) throws Exception {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }
}
