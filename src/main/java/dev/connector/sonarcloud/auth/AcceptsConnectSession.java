package dev.connector.sonarcloud.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route also accepts a connect session token as Bearer (the Hub in a browser holds no API key).
 * When the bearer is not an API key, the interceptor passes it on as {@link CallerInterceptor#SESSION_TOKEN}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AcceptsConnectSession {
}
