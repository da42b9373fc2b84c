package dev.connector.sonarcloud.bench;

import dev.connector.sonarcloud.sonar.HttpClientConfig;
import dev.connector.sonarcloud.sonar.UpstreamProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For bench/run only (not a test): the floor of the service's stack, lines (m) and (mj) of {@code BENCH_FLOOR=1}.
 * The cheapest Spring Boot Web MVC proxy on Tomcat that does what (b) does upstream and nothing else: one
 * {@code @RestController} that forwards {@code GET /floor/raw} and {@code GET /floor/json} to the fake's
 * {@code api/components/search} (the same query as (b) sends) with one pooled keep-alive Apache HttpClient 5 classic
 * client set up as the service's {@code HttpClientConfig} does (its default pool size and timeouts). {@code /floor/raw}
 * answers the upstream body's bytes as they came; {@code /floor/json} reads them into a Jackson tree (the Jackson 3
 * {@link JsonMapper} that Boot configures) and writes it back through Spring's message converter: the least JSON
 * work a normalizing proxy does.
 *
 * <p>Auto-configuration is Boot's web stack only, named one by one (Tomcat, DispatcherServlet, Web MVC, message
 * converters, Jackson, the character encoding filter, multipart, error pages, placeholders): nothing else of the test
 * classpath (no DataSource, Flyway, actuator, metrics or observation, no resilience4j), Boot's defaults for all of it,
 * platform threads, the root logger at WARN, no access log. The service's {@code application.yml} (on the classpath
 * in {@code target/classes}) is not read: {@code spring.config.name} is {@code floor-proxy}. Other Boot properties can
 * be given as {@code -D} system properties.
 *
 * <p>Neither class here is a component that scanning finds, on purpose: the service's {@code @SpringBootApplication}
 * scans {@code dev.connector.sonarcloud}, test classes included, in every {@code @SpringBootTest}, and a second
 * {@code @SpringBootConfiguration} below that package would make Boot's search for the test configuration ambiguous.
 * So this class carries no {@code @Configuration} (Spring reads its {@code @Bean} methods as the application's primary
 * source all the same), and the controller is skipped by scanning and registered by {@link #floorController} only.
 *
 * <p>Usage: {@code FloorProxy <port> <fake-base-url>}, or {@code -Dfloor.port=} and {@code -Dfloor.upstream=}.
 */
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class,
        MultipartAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class})
public class FloorProxy {

    /** The query of (b)'s upstream call: {@code GET /actions/projects} sends the same. */
    static final String QUERY = "/api/components/search?organization=my-org&qualifiers=TRK&p=1&ps=50";

    public static void main(String[] args) {
        String port = args.length > 0 ? args[0] : System.getProperty("floor.port", "8090");
        String upstream = args.length > 1 ? args[1] : System.getProperty("floor.upstream");
        if (upstream == null) {
            throw new IllegalArgumentException("usage: FloorProxy <port> <fake-base-url>");
        }
        System.setProperty("spring.config.name", "floor-proxy"); // not the service's application.yml
        SpringApplication app = new SpringApplication(FloorProxy.class);
        app.setDefaultProperties(Map.of(
                "server.port", port,
                "server.address", "127.0.0.1",
                "spring.threads.virtual.enabled", "false",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN",
                "floor.upstream", upstream));
        app.run();
    }

    @Bean(destroyMethod = "close")
    CloseableHttpClient floorHttpClient() {
        return newHttpClient();
    }

    /** The service's own upstream client ({@code HttpClientConfig}) with {@code UpstreamProperties}' defaults. */
    static CloseableHttpClient newHttpClient() {
        UpstreamProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("connector.upstream", UpstreamProperties.class);
        return new HttpClientConfig().sonarHttpClient(defaults);
    }

    @Bean
    FloorController floorController(CloseableHttpClient floorHttpClient, JsonMapper jsonMapper,
            @Value("${floor.upstream}") String upstream) {
        return new FloorController(floorHttpClient, jsonMapper, URI.create(upstream + QUERY));
    }

    /** Forwards the GET upstream; answers the bytes ({@code raw}) or a Jackson tree of them ({@code json}). */
    @RestController
    @Conditional(NotScanned.class)
    public static class FloorController {

        private final CloseableHttpClient client;
        private final JsonMapper mapper;
        private final URI uri;

        FloorController(CloseableHttpClient client, JsonMapper mapper, URI uri) {
            this.client = client;
            this.mapper = mapper;
            this.uri = uri;
        }

        @GetMapping("/floor/raw")
        public ResponseEntity<byte[]> raw() throws IOException {
            return client.execute(upstreamGet(), response -> ResponseEntity.status(response.getCode())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(EntityUtils.toByteArray(response.getEntity())));
        }

        @GetMapping("/floor/json")
        public ResponseEntity<JsonNode> json() throws IOException {
            return client.execute(upstreamGet(), response -> {
                JsonNode tree;
                try (InputStream body = response.getEntity().getContent()) {
                    tree = mapper.readTree(body);
                }
                return ResponseEntity.status(response.getCode()).contentType(MediaType.APPLICATION_JSON).body(tree);
            });
        }

        private HttpGet upstreamGet() {
            HttpGet get = new HttpGet(uri);
            get.setHeader(HttpHeaders.USER_AGENT, "floor-proxy");
            get.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
            return get;
        }
    }

    /** Keeps component scanning (the service's, in its tests) from registering {@link FloorController}. */
    static final class NotScanned implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return false;
        }
    }
}
