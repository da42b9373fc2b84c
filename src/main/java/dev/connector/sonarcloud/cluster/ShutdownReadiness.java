package dev.connector.sonarcloud.cluster;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The first step of a shutdown (SIGTERM or a closed context): as soon as the context starts closing, before any
 * component stops, readiness goes down and the service keeps serving for {@code connector.shutdown.readiness-delay} so
 * load balancers stop sending new requests; then the web server's graceful shutdown stops accepting connections and
 * drains in-flight requests (up to {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
@Component
class ShutdownReadiness implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShutdownReadiness.class);

    private final ApplicationContext context;
    private final Duration delay;

    ShutdownReadiness(ApplicationContext context, ShutdownProperties properties) {
        this.context = context;
        this.delay = properties.readinessDelay();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context (the management server) closing
        }
        AvailabilityChangeEvent.publish(context, this, ReadinessState.REFUSING_TRAFFIC);
        log.info("shutting down: readiness is down, serving {} more before draining", delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
