package dev.connector.sonarcloud.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (by the servlet container) still answer a problem document. */
@RestController
public class FallbackErrorController implements ErrorController {

    private final Problems problems;

    public FallbackErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        ApiException problem = switch (code) {
            case 400 -> ApiException.validation("request", "The request could not be read");
            case 401 -> ApiException.unauthorized("Authentication is required");
            case 404 -> ApiException.notFound("No such route");
            case 413 -> ApiException.validation("body", "The request body is too large");
            case 405 -> ApiException.methodNotAllowed("The method is not allowed on this route");
            default -> code >= 400 && code < 500
                    ? ApiException.validation("request", "The request was refused (HTTP " + code + ")")
                    : ApiException.internal("An unexpected error occurred; quote the request_id when reporting it");
        };
        return problems.entity(problem);
    }
}
