package dev.connector.sonarcloud.contract;

import dev.connector.sonarcloud.auth.PublicRoute;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the repository's openapi.yaml byte for byte (packaged into the jar at build time). */
@RestController
@PublicRoute
public class OpenApiController {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final byte[] contract;

    public OpenApiController() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/contract/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("contract/openapi.yaml is missing from the classpath");
            }
            contract = in.readAllBytes();
        }
    }

    @GetMapping(path = "/openapi.yaml", produces = "application/yaml")
    ResponseEntity<byte[]> openapi() {
        return ResponseEntity.ok().contentType(YAML).body(contract);
    }
}
