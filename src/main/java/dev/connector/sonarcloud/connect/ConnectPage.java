package dev.connector.sonarcloud.connect;

import dev.connector.sonarcloud.account.AccountView;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.WebProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a plain HTML {@code <form>} posting to /connect gets back (the browser asked for {@code text/html}): a
 * redirect to the configured return URL ({@code CONNECTOR_HUB_RETURN_URL}, with {@code status} and
 * {@code account_id} or {@code code}), else a small result page. Never the token.
 */
@Component
class ConnectPage {

    private final String returnUrl;

    ConnectPage(WebProperties properties) {
        String returnUrl = properties.hub().returnUrl();
        this.returnUrl = returnUrl == null || returnUrl.isBlank() ? null : URI.create(returnUrl.trim()).toString();
    }

    /** A browser navigating (form post) rather than a script asking for JSON. */
    static boolean wanted(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    ResponseEntity<String> linked(AccountView account, boolean created) {
        if (returnUrl != null) {
            return redirect(UriComponentsBuilder.fromUriString(returnUrl).queryParam("status", "linked")
                    .queryParam("account_id", account.id()));
        }
        return page(created ? 201 : 200, "SonarQube Cloud account linked",
                "Your SonarQube Cloud organization <strong>" + HtmlUtils.htmlEscape(account.setupInformation().organizationKey())
                        + "</strong> is connected. You can close this page.");
    }

    ResponseEntity<String> failed(ApiException e) {
        if (returnUrl != null) {
            return redirect(UriComponentsBuilder.fromUriString(returnUrl).queryParam("status", "error")
                    .queryParam("code", e.code()));
        }
        String requestId = MDC.get("request_id");
        return page(e.status(), "The account could not be linked",
                HtmlUtils.htmlEscape(e.getMessage()) + (requestId == null ? ""
                        : "<br><small>Request id " + HtmlUtils.htmlEscape(requestId) + "</small>"));
    }

    private static ResponseEntity<String> redirect(UriComponentsBuilder target) {
        return ResponseEntity.status(303).location(target.encode().build().toUri()).build();
    }

    private static ResponseEntity<String> page(int status, String title, String html) {
        String body = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body><h1>%s</h1><p>%s</p></body></html>
                """.formatted(title, title, html);
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }
}
