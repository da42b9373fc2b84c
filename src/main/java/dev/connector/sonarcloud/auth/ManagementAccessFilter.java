package dev.connector.sonarcloud.auth;

import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator access: plain health status (and probes, metrics) stay public; health details and components
 * ({@code show-details: when-authorized}, role {@code admin}) and {@code /actuator/info} need an API key with the
 * {@code admin} scope. An admin key is presented to the actuator as a principal in role {@code admin}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class ManagementAccessFilter extends OncePerRequestFilter {

    private static final String ACTUATOR = "/actuator";

    private final ApiKeys apiKeys;
    private final Problems problems;

    public ManagementAccessFilter(ApiKeys apiKeys, Problems problems) {
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Caller caller = apiKeys.match(CallerInterceptor.presentedCredential(request.getHeader(HttpHeaders.AUTHORIZATION)));
        boolean admin = caller != null && caller.has(Scope.ADMIN);
        if (!admin && (path.equals(ACTUATOR + "/info") || path.startsWith(ACTUATOR + "/info/"))) {
            problems.write(request, response, caller == null ? ApiException.unauthorized("/actuator/info needs an API key with the admin scope")
                    : ApiException.forbidden("/actuator/info needs the admin scope"));
            return;
        }
        chain.doFilter(admin ? new AdminRequest(request, caller.project()) : request, response);
    }

    private static final class AdminRequest extends HttpServletRequestWrapper {
        private final Principal principal;

        AdminRequest(HttpServletRequest request, String project) {
            super(request);
            this.principal = () -> "api-key:" + project;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return Scope.ADMIN.id().equals(role);
        }
    }
}
