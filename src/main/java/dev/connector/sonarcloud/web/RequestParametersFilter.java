package dev.connector.sonarcloud.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parses the query string and form body once, up front (after the character encoding is set): a malformed
 * %-escape, invalid UTF-8 or too many parameters is a 400 problem here, on every route, instead of an exception
 * from wherever the parameters are first read. Tomcat's message quotes the offending value (a token, for a
 * form-encoded /connect), so it is neither logged nor answered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestParametersFilter extends OncePerRequestFilter {

    private final Problems problems;

    public RequestParametersFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (InvalidParameterException e) {
            problems.write(request, response, malformed());
            return;
        }
        chain.doFilter(request, response);
    }

    static ApiException malformed() {
        return ApiException.validation("The query string or form cannot be read: a malformed %-escape, invalid UTF-8 "
                + "or more than 1,000 parameters", List.of(new ApiException.FieldError("request",
                "must be well-formed UTF-8 with valid %-escapes and at most 1,000 parameters")));
    }
}
