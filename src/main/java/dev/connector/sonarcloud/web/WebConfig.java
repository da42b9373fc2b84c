package dev.connector.sonarcloud.web;

import dev.connector.sonarcloud.auth.CallerArgumentResolver;
import dev.connector.sonarcloud.auth.CallerInterceptor;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    private final CallerInterceptor callerInterceptor;
    private final CallerArgumentResolver callerArgumentResolver;
    private final List<String> hubOrigins;

    public WebConfig(CallerInterceptor callerInterceptor, CallerArgumentResolver callerArgumentResolver,
                     @Value("${connector.hub.allowed-origins:}") List<String> hubOrigins) {
        this.callerInterceptor = callerInterceptor;
        this.callerArgumentResolver = callerArgumentResolver;
        this.hubOrigins = hubOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(callerInterceptor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerArgumentResolver);
    }

    /** Only the Hub's own origins may call /connect from a browser; everything else is backend to backend. */
    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (hubOrigins.isEmpty()) {
            return;
        }
        registry.addMapping("/connect")
                .allowedOrigins(hubOrigins.toArray(String[]::new))
                .allowedMethods("POST")
                .allowedHeaders("Authorization", "Content-Type", "X-Request-Id")
                .exposedHeaders("Location", "X-Request-Id", "Retry-After")
                .maxAge(600);
    }
}
