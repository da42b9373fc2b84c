package dev.connector.sonarcloud.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One access line and one {@code http.server.requests} sample per request, after the answer.
 * <ul>
 * <li>The line: method, route template (never the raw path or query, which may carry anything), status, duration,
 * project and account id; the request id comes with the MDC. No header, body or credential. Logger
 * {@code dev.connector.sonarcloud.access}: set it to WARN to turn the lines off. Written in batches by
 * {@link AccessLogOutput}.</li>
 * <li>The metric: Spring Boot's timer name and tags ({@code method}, {@code uri} = the route template,
 * {@code status}, {@code outcome}, {@code exception}), plus {@code http.server.requests.active}. Recorded here instead
 * of by Boot's observation filter, which cost about 5% of a proxied read's CPU in bench/run's profile.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // inside the request id, around everything else (CORS, body limit...)
public class AccessLogFilter extends OncePerRequestFilter {

    /** A finer route template than the handler's pattern (a generic handler names the action's route here). */
    public static final String ROUTE = AccessLogFilter.class.getName() + ".route";
    /** The account a request created or touched when the request itself did not name it (/connect). */
    public static final String ACCOUNT = AccessLogFilter.class.getName() + ".account";
    /** The authenticated caller's project, set by whoever authenticates the request (web knows no callers). */
    public static final String PROJECT = AccessLogFilter.class.getName() + ".project";
    static final String ACCESS_LOGGER = "dev.connector.sonarcloud.access";
    private static final Logger log = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final MeterRegistry meters;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();

    public AccessLogFilter(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("http.server.requests.active", active, AtomicInteger::get)
                .description("Requests in progress").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        active.incrementAndGet();
        Throwable failure = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            active.decrementAndGet();
            long nanos = System.nanoTime() - start;
            int status = failure != null ? 500 : response.getStatus();
            String route = route(request);
            timer(request.getMethod(), route, status, failure).record(nanos, TimeUnit.NANOSECONDS);
            if (log.isInfoEnabled()) {
                write(request, route, status, nanos / 1_000_000);
            }
        }
    }

    private record TimerKey(String method, String route, int status, String exception) {
    }

    /** One timer per distinct tag set, looked up, not built, on every request. */
    private Timer timer(String method, String route, int status, Throwable failure) {
        TimerKey key = new TimerKey(method, route, status, failure == null ? "none" : failure.getClass().getSimpleName());
        return timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                .description("HTTP server request processing time")
                .tag("method", k.method())
                .tag("uri", k.route())
                .tag("status", Integer.toString(k.status()))
                .tag("outcome", outcome(HttpStatus.Series.resolve(k.status())))
                .tag("exception", k.exception())
                .register(meters));
    }

    private static String outcome(HttpStatus.Series series) {
        return switch (series) {
            case null -> "UNKNOWN";
            case INFORMATIONAL -> "INFORMATIONAL";
            case SUCCESSFUL -> "SUCCESS";
            case REDIRECTION -> "REDIRECTION";
            case CLIENT_ERROR -> "CLIENT_ERROR";
            case SERVER_ERROR -> "SERVER_ERROR";
        };
    }

    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(ROUTE) != null ? request.getAttribute(ROUTE)
                : request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : "unmatched";
    }

    private static void write(HttpServletRequest request, String route, int status, long millis) {
        String project = request.getAttribute(PROJECT) instanceof String name ? name : null;
        String account = accountId(request);
        log.atInfo()
                .addKeyValue("http_method", request.getMethod())
                .addKeyValue("http_route", route)
                .addKeyValue("http_status", status)
                .addKeyValue("duration_ms", millis)
                .addKeyValue("project", project)
                .addKeyValue("account_id", account)
                .log("{} {} {} {}ms project={} account={}", request.getMethod(), route, status, millis,
                        project == null ? "-" : project, account == null ? "-" : account);
    }

    /** The account the request named (header or path), only when it has the shape of an id. */
    private static String accountId(HttpServletRequest request) {
        if (request.getAttribute(ACCOUNT) instanceof String linked) {
            return linked;
        }
        String header = request.getHeader("x-account-id");
        if (header != null && UUID_SHAPE.matcher(header).matches()) {
            return header.toLowerCase();
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("id") instanceof String id && UUID_SHAPE.matcher(id).matches()
                && String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)).startsWith("/accounts/")) {
            return id.toLowerCase();
        }
        return null;
    }
}
