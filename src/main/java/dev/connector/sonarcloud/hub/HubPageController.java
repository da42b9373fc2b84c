package dev.connector.sonarcloud.hub;

import dev.connector.sonarcloud.auth.PublicRoute;
import dev.connector.sonarcloud.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hosted connect page ({@code auth_link_url}): one HTML page, its script, style and logo, all served by the
 * service itself; a strict Content-Security-Policy allows nothing from anywhere else. The session token travels in
 * the link's fragment ({@code #token=…}), which browsers never send to a server, so it reaches no access log.
 */
@RestController
@PublicRoute
public class HubPageController {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, MediaType> FILES = Map.of(
            "connect.html", MediaType.TEXT_HTML,
            "connect.js", MediaType.valueOf("text/javascript"),
            "connect.css", MediaType.valueOf("text/css"),
            "logo.svg", MediaType.valueOf("image/svg+xml"));

    @GetMapping(path = "/hub/connect", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<byte[]> page() {
        return file("connect.html");
    }

    @GetMapping(path = "/hub/connect.js", produces = "text/javascript")
    ResponseEntity<byte[]> script() {
        return file("connect.js");
    }

    @GetMapping(path = "/hub/connect.css", produces = "text/css")
    ResponseEntity<byte[]> style() {
        return file("connect.css");
    }

    @GetMapping(path = "/hub/logo.svg", produces = "image/svg+xml")
    ResponseEntity<byte[]> logo() {
        return file("logo.svg");
    }

    private static ResponseEntity<byte[]> file(String name) {
        MediaType type = FILES.get(name);
        if (type == null) {
            throw ApiException.notFound("No such file");
        }
        try {
            byte[] bytes = new ClassPathResource("hub/" + name).getContentAsByteArray();
            return ResponseEntity.ok()
                    .contentType(name.endsWith(".svg") ? type : new MediaType(type, java.nio.charset.StandardCharsets.UTF_8))
                    .cacheControl(name.equals("connect.html") ? CacheControl.noStore() : CacheControl.noCache())
                    .header("Content-Security-Policy", POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .body(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
