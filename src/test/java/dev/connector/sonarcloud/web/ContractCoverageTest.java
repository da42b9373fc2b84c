package dev.connector.sonarcloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Contract;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every route the application serves is documented in openapi.yaml (responses are checked by every test's Api). */
class ContractCoverageTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerRouteIsInOpenApi() {
        List<String> missing = new ArrayList<>();
        var paths = Contract.get().document().path("paths");
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error") || pattern.equals("/actions/**")) {
                    continue; // the container's error page; action routes are checked one by one by OpenApiActionsTest
                }
                for (var httpMethod : info.getMethodsCondition().getMethods()) {
                    if (paths.path(pattern).path(httpMethod.name().toLowerCase(Locale.ROOT)).isMissingNode()) {
                        missing.add(httpMethod + " " + pattern);
                    }
                }
            }
        });
        assertThat(missing).as("routes missing from openapi.yaml").isEmpty();
    }
}
