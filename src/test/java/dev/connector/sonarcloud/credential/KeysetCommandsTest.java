package dev.connector.sonarcloud.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.ConnectorApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate-keyset, add-key, promote-key, list-keys: a whole rotation without tinkey. */
class KeysetCommandsTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = KeysetCommands.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRotationRoundTrips(@TempDir Path dir) throws Exception {
        String first = run("", "generate-keyset").out();
        Path file = dir.resolve("keyset.json");
        Files.writeString(file, first);
        List<String> before = run("", "list-keys", file.toString()).out().lines().toList();
        assertThat(before).hasSize(1);
        assertThat(before.getFirst()).matches("\\d+ enabled primary");
        String oldId = before.getFirst().split(" ")[0];

        Run added = run(first, "add-key"); // from standard input
        assertThat(added.exit()).isZero();
        List<String> two = run(added.out(), "list-keys").out().lines().toList();
        assertThat(two).hasSize(2).contains(oldId + " enabled primary");
        String newId = two.stream().filter(line -> !line.startsWith(oldId)).findFirst().orElseThrow().split(" ")[0];
        assertThat(added.err()).contains("added key " + newId).contains("promote-key " + newId);

        Files.writeString(file, added.out());
        Run promoted = run("", "promote-key", newId, file.toString());
        assertThat(promoted.exit()).isZero();
        assertThat(run(promoted.out(), "list-keys").out().lines().toList())
                .containsExactlyInAnyOrder(oldId + " enabled", newId + " enabled primary");

        // what the old keyset wrote, the rotated one reads; new writes go to the new key
        UUID account = UUID.randomUUID();
        byte[] old = new CredentialCipher(first).encrypt("token-1", "p", account);
        CredentialCipher rotated = new CredentialCipher(promoted.out());
        assertThat(rotated.decrypt(old, "p", account)).isEqualTo("token-1");
        assertThat(rotated.primaryKeyId()).isEqualTo(Long.parseLong(newId));
        assertThat(CredentialCipher.keyId(rotated.encrypt("token-2", "p", account))).isEqualTo(Long.parseLong(newId));
        assertThat(CredentialCipher.keyId(old)).isEqualTo(Long.parseLong(oldId));
    }

    @Test
    void mistakesExitNonZeroWithoutEchoingTheInput() {
        String keyset = run("", "generate-keyset").out();
        Run unknown = run(keyset, "promote-key", "12345");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("key 12345 is not an enabled key").doesNotContain("\"value\"");
        assertThat(unknown.out()).isEmpty();

        Run garbage = run("{\"primaryKeyId\": 1, \"key\": [{\"keyData\": \"secret-ish\"}]}", "list-keys");
        assertThat(garbage.exit()).isEqualTo(1);
        assertThat(garbage.err()).contains("not a Tink JSON keyset").doesNotContain("secret-ish");

        assertThat(run("", "list-keys").err()).contains("no keyset given");
        assertThat(run("", "promote-key").exit()).isEqualTo(2);
    }

    @Test
    void theJarsMainRunsTheSubcommandsWithoutStartingTheService() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConnectorApplication.class.getName(), "add-key").start();
        process.getOutputStream().write(run("", "generate-keyset").out().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isZero();
        assertThat(run(out, "list-keys").out().lines()).hasSize(2);
    }
}
