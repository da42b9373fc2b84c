package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorCode;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The one way to SonarQube Cloud. Every call passes, in order: the account's rate limiter, the request deadline,
 * the region's bulkhead and circuit breaker (Resilience4j), the HTTP attempt with its own timeout, and retries
 * with exponential backoff and full jitter for idempotent calls only. Only network errors, timeouts and 5xx
 * count against the breaker; a 4xx is the caller's problem and comes back as {@link SonarClientError}.
 */
@Component
public class SonarClient {

    private static final Logger log = LoggerFactory.getLogger(SonarClient.class);

    private final CloseableHttpClient httpClient;
    private final String userAgent;
    private final RegionProperties regions;
    private final UpstreamProperties properties;
    private final RegionGuards guards;
    private final AccountRateLimits rateLimits;
    private final SonarErrors errors;
    private final MeterRegistry meters;
    /** Aborts attempts still running at their request's deadline (a per-read timeout alone lets a trickle through). */
    private final ScheduledThreadPoolExecutor deadlines;

    public SonarClient(CloseableHttpClient sonarHttpClient, HttpClientConfig.SonarUserAgent userAgent, RegionProperties regions,
                       UpstreamProperties properties, RegionGuards guards, AccountRateLimits rateLimits,
                       SonarErrors errors, MeterRegistry meters) {
        this.httpClient = sonarHttpClient;
        this.userAgent = userAgent.value();
        this.regions = regions;
        this.properties = properties;
        this.guards = guards;
        this.rateLimits = rateLimits;
        this.errors = errors;
        this.meters = meters;
        this.deadlines = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("upstream-deadline").factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    /** A call context whose deadline starts now. */
    public SonarCall call(Region region, String token, String rateLimitKey) {
        return call(region, token, rateLimitKey, null);
    }

    /** A call context for a project, which gets at most its share of the region's concurrent calls. */
    public SonarCall call(Region region, String token, String rateLimitKey, String project) {
        return new SonarCall(region, token, rateLimitKey, project, System.nanoTime() + properties.deadline().toNanos());
    }

    public SonarResponse execute(SonarCall call, SonarRequest request) {
        if (call.rateLimitKey() != null) {
            rateLimits.acquire(call.rateLimitKey());
        }
        URI uri = uri(call.region(), request);
        String safeUrl = uri.toString();
        int maxAttempts = request.idempotent() ? Math.max(1, properties.maxAttempts()) : 1;
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = attempt(call, request, uri, safeUrl);
            if (outcome.response() != null && outcome.response().status() < 500 && outcome.response().status() != 429) {
                SonarResponse response = outcome.response();
                if (response.status() >= 300 && response.status() < 400) {
                    throw ApiException.providerError("SonarQube Cloud answered a redirect (" + response.status()
                            + "), which the service does not follow")
                            .withProviderError(new ApiException.ProviderError(response.status(), response.url(), null));
                }
                if (response.status() >= 400) {
                    throw new SonarClientError(response);
                }
                return response;
            }
            long waitNanos = attempt < maxAttempts && outcome.retryable() ? backoffNanos(attempt, outcome) : -1;
            if (waitNanos < 0 || waitNanos >= call.remainingNanos()) {
                throw finalError(outcome, call);
            }
            meters.counter("connector.upstream.retries", "region", call.region().id(), "endpoint", request.endpoint(),
                    "reason", outcome.kind()).increment();
            sleep(waitNanos);
        }
    }

    /** What one attempt gave: a response (any status), or a failure kind without one. */
    private record Outcome(SonarResponse response, String kind, boolean retryable, Long retryAfterSeconds,
                           ApiException rejection) {
    }

    private Outcome attempt(SonarCall call, SonarRequest request, URI uri, String safeUrl) {
        long remaining = call.remainingNanos();
        if (remaining <= 0) {
            return new Outcome(null, "deadline", false, null, timeout());
        }
        Bulkhead bulkhead = guards.bulkhead(call.region());
        CircuitBreaker breaker = guards.breaker(call.region(), call.project());
        if (!breaker.tryAcquirePermission()) {
            record(call, request, "circuit_open", 0, 0);
            return new Outcome(null, "circuit_open", false, null, ApiException.unavailable(ErrorCode.PROVIDER_UNAVAILABLE,
                    "SonarQube Cloud (" + call.region().id() + ") is failing; calls are paused for a moment",
                    guards.secondsUntilHalfOpen(breaker)));
        }
        if (!guards.tryAcquireProjectShare(call.region(), call.project())) {
            breaker.releasePermission();
            record(call, request, "project_share_full", 0, 0);
            return new Outcome(null, "project_share_full", false, null, ApiException.unavailable(ErrorCode.PROVIDER_UNAVAILABLE,
                    "This project has too many concurrent calls to SonarQube Cloud (" + call.region().id() + ")", 1));
        }
        if (!bulkhead.tryAcquirePermission()) {
            guards.releaseProjectShare(call.region(), call.project());
            breaker.releasePermission();
            record(call, request, "bulkhead_full", 0, 0);
            return new Outcome(null, "bulkhead_full", false, null, ApiException.unavailable(ErrorCode.PROVIDER_UNAVAILABLE,
                    "Too many concurrent calls to SonarQube Cloud (" + call.region().id() + ")", 1));
        }
        Duration attemptTimeout = Duration.ofNanos(Math.min(properties.readTimeout().toNanos(), remaining));
        UpstreamExchange exchange = new UpstreamExchange(call.deadlineNanos());
        ScheduledFuture<?> alarm = deadlines.schedule(exchange::expire, remaining, TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        try {
            SonarResponse response = send(call, request, uri, safeUrl, exchange, attemptTimeout);
            long took = System.nanoTime() - start;
            if (response.status() >= 500) {
                breaker.onError(took, TimeUnit.NANOSECONDS, new UpstreamServerError(response.status()));
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
            record(call, request, outcomeOf(response.status()), response.status(), took);
            boolean retryable = response.status() == 502 || response.status() == 503 || response.status() == 504
                    || response.status() == 429;
            Long retryAfter = response.status() == 429 ? retryAfterSeconds(response) : null;
            return new Outcome(response, response.status() == 429 ? "rate_limited" : "server_error", retryable, retryAfter, null);
        } catch (UpstreamBodies.TooLarge e) {
            // what a tenant's own content made large is not an outage of the region: not counted by the breaker
            breaker.releasePermission();
            record(call, request, "too_large", e.status, System.nanoTime() - start);
            log.warn("SonarQube Cloud {} {} answered more than {} bytes", call.region().id(), request.endpoint(),
                    properties.maxResponseSize().toBytes());
            return new Outcome(null, "too_large", false, null,
                    UpstreamBodies.tooLarge(e.status, safeUrl, properties.maxResponseSize().toBytes()));
        } catch (IOException | IllegalStateException e) {
            if (e instanceof IllegalStateException && !exchange.aborted()) {
                throw (IllegalStateException) e; // the client releasing a connection that an abort dropped, else a bug
            }
            long took = System.nanoTime() - start;
            breaker.onError(took, TimeUnit.NANOSECONDS, e);
            boolean timedOut = isTimeout(e) || exchange.expired();
            record(call, request, timedOut ? "timeout" : "network_error", 0, took);
            log.warn("SonarQube Cloud {} {} failed: {}", call.region().id(), request.endpoint(),
                    timedOut ? "timeout" : e.getClass().getSimpleName());
            return new Outcome(null, timedOut ? "timeout" : "network_error", true, null, timedOut ? timeout()
                    : ApiException.providerError("SonarQube Cloud could not be reached")
                    .withProviderError(new ApiException.ProviderError(0, safeUrl, null)));
        } finally {
            alarm.cancel(false);
            bulkhead.onComplete();
            guards.releaseProjectShare(call.region(), call.project());
        }
    }

    /**
     * One HTTP attempt, straight on Apache HttpClient (Spring's RestClient on top of it cost about 20 µs of CPU per
     * call in bench/run's profile: header maps copied both ways, wrappers). The body is read to its end, which
     * returns the connection to the pool.
     */
    private SonarResponse send(SonarCall call, SonarRequest request, URI uri, String safeUrl, UpstreamExchange exchange,
                               Duration attemptTimeout) throws IOException {
        HttpUriRequestBase http = new HttpUriRequestBase(request.method().name(), uri);
        http.setHeader(HttpHeaders.USER_AGENT, userAgent);
        http.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        if (call.token() != null) {
            http.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + call.token());
        }
        if (request.json() != null) {
            http.setEntity(new ByteArrayEntity(request.json().getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        } else if (!request.form().isEmpty()) {
            List<NameValuePair> form = new ArrayList<>();
            request.form().forEach((name, value) -> form.add(new BasicNameValuePair(name, value)));
            http.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        }
        http.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, attemptTimeout.toMillis())))
                .setRedirectsEnabled(false)
                .build());
        exchange.bind(http);
        try (ClassicHttpResponse res = httpClient.executeOpen(null, http, null)) {
            int status = res.getCode();
            HttpEntity entity = res.getEntity();
            byte[] body = entity == null ? new byte[0]
                    : UpstreamBodies.read(entity.getContent(), properties.maxResponseSize().toBytes(), exchange, status);
            if (!exchange.finish()) {
                throw new SocketTimeoutException("the request's deadline passed");
            }
            Header contentType = res.getFirstHeader(HttpHeaders.CONTENT_TYPE);
            Header retryAfter = res.getFirstHeader(HttpHeaders.RETRY_AFTER);
            return new SonarResponse(status, contentType == null ? null : contentType(contentType.getValue()),
                    UpstreamBodies.redact(body, call.token()), safeUrl, retryAfter == null ? null : retryAfter.getValue());
        }
    }

    /** The content type as Spring writes it (SonarQube's raw header may differ in spacing and case). */
    private static String contentType(String header) {
        try {
            return MediaType.parseMediaType(header).toString();
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    private long backoffNanos(int attempt, Outcome outcome) {
        if (outcome.retryAfterSeconds() != null) {
            long seconds = outcome.retryAfterSeconds();
            // a long Retry-After is not worth holding the caller for: answer 429 with it instead
            return seconds * 1_000_000_000L <= properties.retryAfterMax().toNanos() ? seconds * 1_000_000_000L : -1;
        }
        long cap = Math.min(properties.backoffMax().toNanos(), properties.backoffInitial().toNanos() << Math.min(attempt - 1, 20));
        return ThreadLocalRandom.current().nextLong(cap + 1); // full jitter
    }

    private ApiException finalError(Outcome outcome, SonarCall call) {
        if (outcome.rejection() != null) {
            return outcome.rejection();
        }
        SonarResponse response = outcome.response();
        if (response.status() == 429) {
            long retryAfter = outcome.retryAfterSeconds() != null ? outcome.retryAfterSeconds() : 5;
            return ApiException.rateLimited("SonarQube Cloud is rate limiting this token", retryAfter)
                    .withProviderError(errors.providerError(response));
        }
        return ApiException.providerError("SonarQube Cloud answered " + response.status())
                .withProviderError(errors.providerError(response));
    }

    private static ApiException timeout() {
        return ApiException.providerTimeout("SonarQube Cloud did not answer in time");
    }

    private static boolean isTimeout(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException
                    || t instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Long retryAfterSeconds(SonarResponse response) {
        String value = response.retryAfter();
        if (value == null) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null; // HTTP-date form: treat as absent and back off
        }
    }

    private record TimerKey(Region region, String endpoint, String method, String outcome, int status) {
    }

    /** Timers are looked up once per distinct tag set, not built on every call (the hot path). */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private void record(SonarCall call, SonarRequest request, String outcome, int status, long nanos) {
        TimerKey key = new TimerKey(call.region(), request.endpoint(), request.method().name(), outcome, status);
        timers.computeIfAbsent(key, k -> Timer.builder("connector.upstream.requests")
                        .description("Calls to SonarQube Cloud")
                        .tag("region", k.region().id())
                        .tag("endpoint", k.endpoint())
                        .tag("method", k.method())
                        .tag("outcome", k.outcome())
                        .tag("status", k.status() == 0 ? "none" : Integer.toString(k.status()))
                        .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String outcomeOf(int status) {
        if (status >= 500) {
            return "server_error";
        }
        if (status == 429) {
            return "rate_limited";
        }
        return status >= 400 ? "client_error" : "success";
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timeout();
        }
    }

    URI uri(Region region, SonarRequest request) {
        RegionProperties.Endpoints endpoints = regions.of(region);
        String base = (request.webApi() ? endpoints.baseUrl() : endpoints.apiUrl()).toString();
        StringBuilder url = new StringBuilder(base.length() + request.path().length() + 64).append(base);
        if (!base.endsWith("/")) {
            url.append('/');
        }
        url.append(request.path());
        char separator = '?';
        for (Map.Entry<String, String> parameter : request.query().entrySet()) {
            url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Marks a 5xx as a failure for the breaker. */
    static final class UpstreamServerError extends RuntimeException {
        UpstreamServerError(int status) {
            super("SonarQube Cloud answered " + status, null, false, false);
        }
    }
}
