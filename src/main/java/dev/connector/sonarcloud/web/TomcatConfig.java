package dev.connector.sonarcloud.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SonarQube file keys contain '/' ({@code project:src/main/Foo.java}); in a REST path segment they travel as
 * {@code %2F}. Tomcat refuses that by default; pass it through so the route matches and the path variable decodes.
 */
@Configuration
public class TomcatConfig {

    @Bean
    TomcatConnectorCustomizer encodedSlashesInPathSegments() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
