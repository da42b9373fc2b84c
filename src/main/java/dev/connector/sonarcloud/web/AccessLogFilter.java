package dev.connector.sonarcloud.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One access line per request, after the answer: method, route template (never the raw path or query, which may
 * carry anything), status, duration, project and account id; the request id comes with the MDC. No header, body or
 * credential. Logger {@code dev.connector.sonarcloud.access}: set it to WARN to turn the lines off.
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
    private static final Logger log = LoggerFactory.getLogger("dev.connector.sonarcloud.access");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!log.isInfoEnabled()) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            write(request, failed ? 500 : response.getStatus(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static void write(HttpServletRequest request, int status, long millis) {
        Object pattern = request.getAttribute(ROUTE) != null ? request.getAttribute(ROUTE)
                : request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern != null ? pattern.toString() : "unmatched";
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
