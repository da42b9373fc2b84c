package dev.connector.sonarcloud.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP webhook receiver on a loopback port: records every request; can be "down" (503) or slow. */
final class Receiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Received(String path, HttpHeaders headers, String body) {
        String id() {
            return headers.firstValue("webhook-id").orElseThrow();
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String type() {
            return json().path("type").asString();
        }

        String accountId() {
            return json().path("data").path("id").asString();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile Duration delay = Duration.ZERO;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int answer = status;
            if (path.startsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", url("/redirected"));
                answer = 302;
            }
            if (answer >= 200 && answer < 300) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach(headers::put);
                received.add(new Received(path, HttpHeaders.of(headers, (a, b) -> true), body));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void down() {
        status = 503;
    }

    void up() {
        status = 204;
    }

    void slow(Duration delay) {
        this.delay = delay;
    }

    /** Requests answered 2xx (what the receiver accepted). */
    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
