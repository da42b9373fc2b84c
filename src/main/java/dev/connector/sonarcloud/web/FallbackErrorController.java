package dev.connector.sonarcloud.web;

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
 * (the request may never have reached authentication; {@code AuthWebConfig} leaves /error out) and with a request id.
 */
@RestController
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
            case 405 -> ApiException.methodNotAllowed("The method is not allowed on this route");
            case 408 -> ApiException.of(ErrorCode.REQUEST_TIMEOUT, "The request was not received in time");
            case 413 -> ApiException.validation("body", "The request body is too large");
            case 414 -> ApiException.of(ErrorCode.URI_TOO_LONG, "The request target is longer than the server accepts");
            case 431 -> ApiException.of(ErrorCode.HEADERS_TOO_LARGE,
                    "The request's headers are larger or more numerous than the server accepts");
            case 505 -> ApiException.of(ErrorCode.HTTP_VERSION_NOT_SUPPORTED, "Use HTTP/1.1");
            default -> code >= 400 && code < 500
                    ? ApiException.validation("request", "The request was refused (HTTP " + code + ")")
                    : ApiException.internal("An unexpected error occurred; quote the request_id when reporting it");
        };
    }
}
