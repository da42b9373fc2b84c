package dev.connector.sonarcloud.auth;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every controller route authenticates its caller; controllers take the {@link Caller} as a parameter. */
@Configuration
public class AuthWebConfig implements WebMvcConfigurer {

    private final CallerInterceptor callerInterceptor;
    private final CallerArgumentResolver callerArgumentResolver;

    public AuthWebConfig(CallerInterceptor callerInterceptor, CallerArgumentResolver callerArgumentResolver) {
        this.callerInterceptor = callerInterceptor;
        this.callerArgumentResolver = callerArgumentResolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // the error page answers what the container refused, possibly before any credential was read
        registry.addInterceptor(callerInterceptor).excludePathPatterns("/error");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callerArgumentResolver);
    }
}
