package dev.connector.sonarcloud.sim;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A simulated SonarQube Cloud region on WireMock: it knows tokens, their organizations, projects with seeded issues
 * and hotspots, serves bodies shaped like the real ones (see {@code sonar-fixtures/}) and injects faults.
 *
 * <p>Normal behaviour is one catch-all stub run by {@link SonarTransformer}; every fault is an extra stub at a
 * higher priority (the most recently added wins among faults), removed by {@link #reset()}. Regions share nothing:
 * a token added to the EU simulator is unknown to the US one. Thread-safe.
 */
public final class SonarCloudSimulator implements AutoCloseable {

    private static final int FAULT_PRIORITY = 1;
    private static final int NORMAL_PRIORITY = 10;
    /** Bounded so a long benchmark run cannot fill the heap; far above what a test sends between resets. */
    private static final int JOURNAL_LIMIT = 20_000;

    private final String region;
    private final SimState state = new SimState();
    private final WireMockServer server;
    private final Router router;
    private final List<UUID> faultStubs = new CopyOnWriteArrayList<>();

    private SonarCloudSimulator(String region, int port, boolean journal) {
        this.region = checkRegion(region);
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(port)
                .containerThreads(50)
                .mappingSource(new NoMappings())
                .extensions(new SonarTransformer(router = new Router(state)))
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                // bodies go out as stubbed: compressing a 50 MB hostile body costs seconds, and a gzip bomb is
                // already compressed
                .gzipDisabled(true)
                .stubRequestLoggingDisabled(true);
        if (journal) {
            options.maxRequestJournalEntries(JOURNAL_LIMIT);
        } else {
            options.disableRequestJournal();
        }
        this.server = new WireMockServer(options);
        server.start();
        server.stubFor(any(anyUrl()).atPriority(NORMAL_PRIORITY)
                .willReturn(aResponse().withTransformers(SonarTransformer.NAME)));
    }

    /** Starts a region ("eu" or "us") on a dynamic loopback port. */
    public static SonarCloudSimulator start(String region) {
        return start(region, 0);
    }

    /** Starts a region on a fixed loopback port (0 = dynamic). */
    public static SonarCloudSimulator start(String region, int port) {
        return new SonarCloudSimulator(region, port, true);
    }

    /**
     * Starts without a request journal, for long-running use (local launcher, benchmarks): nothing accumulates,
     * and {@link #requestCount()} and {@link #requests()} report nothing useful.
     */
    public static SonarCloudSimulator startWithoutJournal(String region, int port) {
        return new SonarCloudSimulator(region, port, false);
    }

    public String region() {
        return region;
    }

    public int port() {
        return server.port();
    }

    /** The web API base, e.g. {@code http://127.0.0.1:PORT}; endpoints are {@code baseUrl() + "/api/…"}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The v2 API base: the same server (v2 paths never start with {@code /api/}). */
    public String apiUrl() {
        return baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    /**
     * Whether this simulator answers an endpoint: {@code path} as an action's catalog entry names it ({@code api/…}
     * for the Web API, a v2 path template otherwise).
     */
    public boolean serves(String method, String path) {
        return router.serves(method, path);
    }

    // ---- data

    /** A token known in this region, belonging to {@code login}, member of those organizations (created if unknown). */
    public void addToken(String token, String login, String name, String... organizationKeys) {
        state.addToken(token, login, name, organizationKeys);
    }

    public void addOrganization(String key, String name) {
        state.addOrganization(key, name);
    }

    /** A token of a plain member of those organizations: SonarQube answers 403 on what needs Administer. */
    public void addMemberToken(String token, String login, String name, String... organizationKeys) {
        state.addToken(token, login, name, false, organizationKeys);
    }

    /** The organization's Web API v2 id (a UUID). */
    public String organizationId(String key) {
        return state.organization(key).orElseThrow().id();
    }

    /** Gives the organization a new v2 id: the old one answers 404 from now on. */
    public void renewOrganizationId(String key) {
        state.renewOrganizationId(key);
    }

    /** Replaces the example rules {@code api/rules/search} answers for one organization with generated ones. */
    public void seedRules(String organization, int count) {
        state.seedRules(organization, count);
    }

    /** Replaces the project's issues with {@code count} ones created in one second (a first analysis). */
    public void seedIssuesInOneSecond(String projectKey, int count) {
        state.seedIssuesInOneSecond(projectKey, count);
    }

    /**
     * Registers a project of an organization. Projects listed by {@code api/components/search} and
     * {@code api/projects/search} are the registered ones (the example body when an organization has none).
     */
    public void addProject(String organization, String projectKey, String name) {
        state.addProject(organization, projectKey, name);
    }

    /**
     * Replaces the project's issues with {@code count} deterministic ones. An unregistered project is registered,
     * in the organization named by its key's prefix before '_' when that organization exists (else in none, which
     * makes it visible from every organization).
     */
    public void seedIssues(String projectKey, int count) {
        state.seedIssues(projectKey, count);
    }

    public void seedHotspots(String projectKey, int count) {
        state.seedHotspots(projectKey, count);
    }

    /**
     * Replaces the project's hotspots with ones of a chosen status mix: {@code toReview} TO_REVIEW ones and REVIEWED
     * ones resolved FIXED, SAFE and ACKNOWLEDGED, interleaved.
     */
    public void seedHotspots(String projectKey, int toReview, int fixed, int safe, int acknowledged) {
        state.seedHotspots(projectKey, toReview, fixed, safe, acknowledged);
    }

    // ---- journal

    /** Removes every fault and override, restarts scenarios and clears the request journal. Data stays. */
    public void reset() {
        faultStubs.forEach(server::removeStub);
        faultStubs.clear();
        server.resetScenarios();
        server.resetRequests();
    }

    /** Requests received since the last reset (the journal keeps the latest 20,000). */
    public int requestCount() {
        return server.countRequestsMatching(RequestPatternBuilder.allRequests().build()).getCount();
    }

    /** Requests received for an exact path, e.g. {@code /api/authentication/validate}. */
    public int requestCount(String urlPath) {
        return server.countRequestsMatching(
                RequestPatternBuilder.newRequestPattern(RequestMethod.ANY, urlPathEqualTo(urlPath)).build()).getCount();
    }

    /** The journal, oldest first. */
    public List<LoggedRequest> requests() {
        return server.findAll(RequestPatternBuilder.allRequests());
    }

    // ---- faults

    /** Every request answers {@code status} with a v1 error body. */
    public void failWith(int status) {
        addFault(any(anyUrl()), errorResponse(status));
    }

    public void failWith(String urlPath, int status) {
        addFault(any(urlPathEqualTo(urlPath)), errorResponse(status));
    }

    /** The first {@code times} requests to the path fail with {@code status}; later ones behave normally. */
    public void failTimes(String urlPath, int status, int times) {
        String scenario = "fail-times " + urlPath + " " + UUID.randomUUID();
        for (int i = 0; i < times; i++) {
            addFault(any(urlPathEqualTo(urlPath))
                            .inScenario(scenario)
                            .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed " + i)
                            .willSetStateTo("failed " + (i + 1)),
                    errorResponse(status));
        }
    }

    /** The normal answer, after a fixed delay. */
    public void slow(String urlPath, Duration delay) {
        addFault(any(urlPathEqualTo(urlPath)),
                aResponse().withFixedDelay((int) delay.toMillis()).withTransformers(SonarTransformer.NAME));
    }

    public void resetConnections(String urlPath) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    }

    /** 429 with {@code Retry-After} when not null. */
    public void rateLimit(String urlPath, Integer retryAfterSeconds) {
        ResponseDefinitionBuilder response = aResponse().withStatus(429)
                .withHeader("Content-Type", Reply.JSON)
                .withBody(Json.errorBody("Rate limit exceeded"));
        if (retryAfterSeconds != null) {
            response.withHeader("Retry-After", retryAfterSeconds.toString());
        }
        addFault(any(urlPathEqualTo(urlPath)), response);
    }

    /** 200, JSON content type, a body cut short. */
    public void malformed(String urlPath) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(200)
                .withHeader("Content-Type", Reply.JSON)
                .withBody("{\"paging\":{\"pageIndex\":1,\"pageSize\":100,\"total\":12},\"issues\":[{\"key\":\"AX-"));
    }

    /** Any answer for one method and path ({@code jsonBody} may be null for an empty body). */
    public void answer(String method, String urlPath, int status, String jsonBody) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status);
        if (jsonBody != null) {
            response.withHeader("Content-Type", Reply.JSON).withBody(jsonBody);
        }
        addFault(request(method.toUpperCase(Locale.ROOT), urlPathEqualTo(urlPath)), response);
    }

    // ---- hostile modes (what a broken or malicious upstream could send)

    /**
     * 200 JSON whose list {@code listField} holds small items until the body is about {@code bytes} long (whatever
     * page size was asked for), e.g. {@code hugeBody("/api/components/search", "components", 50 << 20)}.
     */
    public void hugeBody(String urlPath, String listField, int bytes) {
        String item = "{\"key\":\"my-org_p\",\"name\":\"P\",\"qualifier\":\"TRK\"},";
        StringBuilder body = new StringBuilder(bytes + 200)
                .append("{\"paging\":{\"pageIndex\":1,\"pageSize\":1,\"total\":1000000},\"")
                .append(listField).append("\":[");
        while (body.length() < bytes) {
            body.append(item);
        }
        body.setLength(body.length() - 1);
        body.append("]}");
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(200).withHeader("Content-Type", Reply.JSON)
                .withBody(body.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /**
     * 200 JSON sent with {@code Content-Encoding: gzip}: about 1 MB on the wire that inflates to 1 GB (a JSON list
     * full of spaces), built once per JVM.
     */
    public void gzipBomb(String urlPath) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(200).withHeader("Content-Type", Reply.JSON)
                .withHeader("Content-Encoding", "gzip").withBody(GzipBomb.BYTES));
    }

    /**
     * Concatenated gzip members (valid gzip, and what decoders read as one stream): one with the JSON start, then
     * the same compressed megabyte of spaces 1,024 times. Built in milliseconds, unlike deflating a gigabyte.
     */
    private static final class GzipBomb {
        static final byte[] BYTES = build();

        private static byte[] build() {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            byte[] megabyte = gzip(spaces);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(megabyte.length * 1024 + 64);
            out.writeBytes(gzip("{\"components\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            for (int i = 0; i < 1024; i++) {
                out.writeBytes(megabyte);
            }
            out.writeBytes(gzip("]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return out.toByteArray();
        }

        private static byte[] gzip(byte[] data) {
            try {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
                    gzip.write(data);
                }
                return out.toByteArray();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The normal answer, dribbled in {@code chunks} pieces spread over {@code total} (a byte now and then). */
    public void trickle(String urlPath, int chunks, Duration total) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withTransformers(SonarTransformer.NAME)
                .withChunkedDribbleDelay(chunks, (int) total.toMillis()));
    }

    /** A redirect ({@code status} 3xx) to {@code location}. */
    public void redirect(String urlPath, int status, String location) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(status).withHeader("Location", location));
    }

    /** An error whose v1 body echoes the request's Authorization header (so, the token). */
    public void echoAuthorization(String urlPath, int status) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(status).withHeader("Content-Type", Reply.JSON)
                .withBody("{\"errors\":[{\"msg\":\"Rejected {{request.headers.Authorization}} for {{request.path}}\"}]}")
                .withTransformers("response-template"));
    }

    /** An error body of about {@code bytes}: one v1 message that long. */
    public void hugeError(String urlPath, int status, int bytes) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(status).withHeader("Content-Type", Reply.JSON)
                .withBody("{\"errors\":[{\"msg\":\"" + "x".repeat(bytes) + "\"}]}"));
    }

    /** 200 with an HTML page where JSON belongs (a captive portal, a proxy's error page). */
    public void wrongContentType(String urlPath) {
        addFault(any(urlPathEqualTo(urlPath)), aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Service Temporarily Unavailable</h1></body></html>"));
    }

    @Override
    public void close() {
        server.stop();
    }

    private void addFault(MappingBuilder mapping, ResponseDefinitionBuilder response) {
        StubMapping stub = server.stubFor(mapping.atPriority(FAULT_PRIORITY).willReturn(response));
        faultStubs.add(stub.getId());
    }

    private static ResponseDefinitionBuilder errorResponse(int status) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", Reply.JSON)
                .withBody(Json.errorBody(messageFor(status)));
    }

    private static String messageFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication is required";
            case 403 -> "Insufficient privileges";
            case 404 -> "Not found";
            case 429 -> "Rate limit exceeded";
            default -> status >= 500 ? "An error occurred (simulated HTTP " + status + ")" : "HTTP " + status;
        };
    }

    private static String checkRegion(String region) {
        String normalized = region == null ? "" : region.strip().toLowerCase(Locale.ROOT);
        if (!normalized.equals("eu") && !normalized.equals("us")) {
            throw new IllegalArgumentException("Region must be \"eu\" or \"us\", not " + region);
        }
        return normalized;
    }

    /** Never loads stubs from disk (WireMock would otherwise read {@code src/test/resources/mappings}). */
    private static final class NoMappings implements MappingsSource {
        @Override
        public void loadMappingsInto(StubMappings stubMappings) {
        }

        @Override
        public void save(List<StubMapping> stubMappings) {
        }

        @Override
        public void save(StubMapping stubMapping) {
        }

        @Override
        @SuppressWarnings("removal")
        public void remove(StubMapping stubMapping) {
        }

        @Override
        public void removeAll() {
        }
    }
}
