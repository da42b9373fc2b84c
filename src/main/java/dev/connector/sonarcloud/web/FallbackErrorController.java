package dev.connector.sonarcloud.web;

import dev.connector.sonarcloud.auth.PublicRoute;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside Spring MVC (by the servlet container) still answer a problem document, without an API key
 * (the request may never have reached authentication) and with a request id.
 */
@RestController
@PublicRoute
public class FallbackErrorController implements ErrorController {

    private final Problems problems;

    public FallbackErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        boolean ownRequestId = MDC.get(RequestIdFilter.MDC_KEY) == null; // the container refused it before the filters
        if (ownRequestId) {
            String requestId = RequestIdFilter.requestId(request);
            MDC.put(RequestIdFilter.MDC_KEY, requestId);
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        try {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            return problems.entity(problem(status instanceof Integer i ? i : 500));
        } finally {
            if (ownRequestId) {
                MDC.remove(RequestIdFilter.MDC_KEY);
            }
        }
    }

    /** The container's status, kept, with a code that says what it means. */
    static ApiException problem(int code) {
        return switch (code) {
            case 400 -> ApiException.validation("request", "The request could not be read");
            case 401 -> ApiException.unauthorized("Authentication is required");
            case 404 -> ApiException.notFound("No such route");
            case 405 -> new ApiException(405, "method_not_allowed", "Method not allowed",
                    "This method is not allowed here", null, null, null);
            case 408 -> new ApiException(408, "request_timeout", "Request timeout",
                    "The request was not received in time", null, null, null);
            case 413 -> ApiException.validation("body", "The request body is too large");
            case 414 -> new ApiException(414, "uri_too_long", "URI too long",
                    "The request target is longer than the server accepts", null, null, null);
            case 431 -> new ApiException(431, "headers_too_large", "Request header fields too large",
                    "The request's headers are larger or more numerous than the server accepts", null, null, null);
            case 505 -> new ApiException(505, "http_version_not_supported", "HTTP version not supported",
                    "Use HTTP/1.1", null, null, null);
            default -> code >= 400 && code < 500
                    ? new ApiException(code, "bad_request", "Bad request", "The request was refused", null, null, null)
                    : new ApiException(500, "internal_error", "Internal error",
                    "An unexpected error occurred; quote the request_id when reporting it", null, null, null);
        };
    }
}
