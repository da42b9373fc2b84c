package dev.connector.sonarcloud.sonar;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The upstream HTTP stack: one pooled keep-alive Apache HttpClient 5 behind one request-factory bean
 * (swap the bean to change the client). Redirects are never followed (the host must stay the region's) and the
 * client's own retries are off (the service retries with its own rules). The response timeout of each attempt
 * comes from {@link SonarClient#ATTEMPT_TIMEOUT}, and each request is handed to {@link SonarClient#EXCHANGE} so that
 * the request's deadline can abort it mid-body: no attempt outlives the deadline.
 */
@Configuration
public class HttpClientConfig {

    @Bean(destroyMethod = "close")
    CloseableHttpClient sonarHttpClient(UpstreamProperties properties) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(properties.maxConnections())
                .setMaxConnPerRoute(properties.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.readTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .evictExpiredConnections()
                .build();
    }

    /**
     * {@code connector.upstream.http-client=jdk} swaps in the JDK HttpClient (kept for comparison in the benchmark;
     * Apache HttpClient 5 is the default because it measured cheaper here, see README "Benchmark").
     */
    @Bean
    ClientHttpRequestFactory sonarRequestFactory(CloseableHttpClient sonarHttpClient, UpstreamProperties properties) {
        if (properties.httpClient().equals("jdk")) {
            HttpClient jdk = HttpClient.newBuilder()
                    .connectTimeout(properties.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
            factory.setReadTimeout(properties.readTimeout());
            return factory;
        }
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(sonarHttpClient) {
            @Override
            protected void postProcessHttpRequest(ClassicHttpRequest request) {
                if (SonarClient.EXCHANGE.isBound() && request instanceof Cancellable cancellable) {
                    SonarClient.EXCHANGE.get().bind(cancellable);
                }
            }
        };
        factory.setConnectionRequestTimeout(properties.connectTimeout());
        factory.setHttpContextFactory((method, uri) -> {
            HttpClientContext context = HttpClientContext.create();
            long timeoutMillis = SonarClient.ATTEMPT_TIMEOUT.isBound()
                    ? SonarClient.ATTEMPT_TIMEOUT.get().toMillis() : properties.readTimeout().toMillis();
            context.setRequestConfig(RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                    .setResponseTimeout(Timeout.of(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS))
                    .setRedirectsEnabled(false)
                    .build());
            return context;
        });
        return factory;
    }

    @Bean
    RestClient sonarRestClient(ClientHttpRequestFactory sonarRequestFactory,
                               ObjectProvider<BuildProperties> buildProperties) {
        String version = buildProperties.getIfAvailable() == null ? "dev" : buildProperties.getIfAvailable().getVersion();
        // a plain builder: the service records its own upstream metrics (by endpoint template, never raw URLs)
        return RestClient.builder()
                .requestFactory(sonarRequestFactory)
                .defaultHeader(HttpHeaders.USER_AGENT, "sonarcloud-connector/" + version)
                .defaultHeader(HttpHeaders.ACCEPT, "application/json")
                .build();
    }
}
