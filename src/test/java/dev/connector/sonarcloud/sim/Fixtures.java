package dev.connector.sonarcloud.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The example bodies under {@code sonar-fixtures/} on the test classpath, read once. */
final class Fixtures {

    private static final String ROOT = "sonar-fixtures/";
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
    private static final Map<String, JsonNode> TREES = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    static String text(String path) {
        return TEXTS.computeIfAbsent(path, Fixtures::load);
    }

    /** A fresh, mutable copy of a JSON fixture. */
    static ObjectNode copy(String path) {
        return (ObjectNode) TREES.computeIfAbsent(path, p -> Json.parse(text(p))).deepCopy();
    }

    private static String load(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("Missing fixture on the classpath: " + ROOT + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
