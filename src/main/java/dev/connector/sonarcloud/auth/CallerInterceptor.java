package dev.connector.sonarcloud.auth;

import dev.connector.sonarcloud.web.AccessLogFilter;
import dev.connector.sonarcloud.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every controller route: {@code Authorization: Basic base64(<key>:)}, {@code Bearer <key>} or the bare key.
 * Scopes named by {@link RequiresScope} are checked here; finer checks (per action) happen where the action is known.
 */
@Component
public class CallerInterceptor implements HandlerInterceptor {

    public static final String SESSION_TOKEN = CallerInterceptor.class.getName() + ".sessionToken";

    private final ApiKeys apiKeys;

    public CallerInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || isPublic(method)) {
            return true;
        }
        String presented = presentedCredential(request.getHeader(HttpHeaders.AUTHORIZATION));
        Caller caller = apiKeys.match(presented);
        if (caller == null) {
            if (method.hasMethodAnnotation(AcceptsConnectSession.class)) {
                String session = presented != null ? presented : formSessionToken(request);
                if (session != null) {
                    request.setAttribute(SESSION_TOKEN, session);
                    return true;
                }
            }
            throw ApiException.unauthorized(presented == null
                    ? "Send an API key as 'Authorization: Basic base64(<key>:)' or 'Authorization: Bearer <key>'"
                    : "The credential is not valid");
        }
        RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            required = method.getBeanType().getAnnotation(RequiresScope.class);
        }
        if (required != null && Arrays.stream(required.value()).noneMatch(caller::has)) {
            throw ApiException.forbidden("This API key lacks the scope for this route (one of "
                    + Arrays.stream(required.value()).map(Scope::id).collect(Collectors.joining(", ")) + ")");
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        request.setAttribute(AccessLogFilter.PROJECT, caller.project());
        return true;
    }

    /** A plain HTML form cannot send headers: its session token comes as the form field session_token. */
    private static String formSessionToken(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return null;
        }
        String token = request.getParameter("session_token");
        return token == null || token.isBlank() ? null : token.trim();
    }

    private static boolean isPublic(HandlerMethod method) {
        return method.hasMethodAnnotation(PublicRoute.class) || method.getBeanType().isAnnotationPresent(PublicRoute.class);
    }

    /** The key or token in the Authorization header, or null when there is none or it is malformed. */
    static String presentedCredential(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String user = colon >= 0 ? decoded.substring(0, colon) : decoded;
                return user.isEmpty() ? null : user;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        // the bare key, as StackOne's SDK sends it on /mcp
        return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? null : value;
    }
}
