package dev.connector.sonarcloud.bench;

import dev.connector.sonarcloud.support.TestKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * For bench/run only (not a test): starts the same embedded PostgreSQL 17 (io.zonky.test) that the tests use
 * when no Docker engine answers, listening on 127.0.0.1 with its data under {@code <workdir>/pgdata}, and writes a
 * fresh Tink keyset. It writes {@code <workdir>/db.env} (JDBC URL, user, password) once PostgreSQL is ready,
 * then lives until it is stopped; stopping it (SIGTERM) stops PostgreSQL. bench/run also stops the postmaster
 * itself (its pid is in pgdata/postmaster.pid) should this JVM die first.
 *
 * <p>Usage: {@code BenchDatabase <workdir> [keyset-only]}
 */
public final class BenchDatabase {

    private BenchDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(work);
        write(work.resolve("keyset.json"), TestKeys.newKeyset());
        if (args.length > 1 && args[1].equals("keyset-only")) {
            return;
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "128MB")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(work.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(work.resolve("postgres.log").toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                // bench/run stops the postmaster by pid if this fails
            }
        }));
        // a second database for the instance of `bench/run --baseline <ref>`, so that its schema is its own
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("create database baseline");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
        write(work.resolve("db.env"), """
                SPRING_DATASOURCE_URL='%s'
                SPRING_DATASOURCE_USERNAME='postgres'
                SPRING_DATASOURCE_PASSWORD='postgres'
                BASELINE_DATASOURCE_URL='%s'
                """.formatted(url + "postgres", url + "baseline"));
        System.out.println("embedded PostgreSQL 17 on port " + postgres.getPort());
        Thread.currentThread().join();
    }

    private static void write(Path file, String content) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
