package dev.connector.sonarcloud.cluster;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of a shutdown (SIGTERM or a closed context): readiness goes down, then the service keeps serving for
 * {@code connector.shutdown.readiness-delay} so load balancers stop sending new requests, and only then does the web
 * server's graceful shutdown stop accepting connections and drain in-flight requests (up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
@Component
class ShutdownReadiness implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownReadiness.class);

    private final ApplicationEventPublisher events;
    private final Duration delay;
    private volatile boolean running;
    private volatile boolean stopped;

    ShutdownReadiness(ApplicationEventPublisher events, @Value("${connector.shutdown.readiness-delay:5s}") Duration delay) {
        this.events = events;
        this.delay = delay;
    }

    @Override
    public void start() {
        if (stopped) {
            // started again after a stop (a paused context resumed): ready again; at first start Spring Boot says so
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped = true;
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        log.info("shutting down: readiness is down, serving {} more before draining", delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (which runs at a lower phase). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
