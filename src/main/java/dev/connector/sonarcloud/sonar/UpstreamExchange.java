package dev.connector.sonarcloud.sonar;

import org.apache.hc.core5.concurrent.Cancellable;

/**
 * One HTTP attempt in flight: the request's deadline, and the client request once built, so that the attempt can be
 * aborted from outside (the deadline alarm) or from the reading side (a body over the size cap) without draining it.
 */
final class UpstreamExchange {

    private final long deadlineNanos;
    private volatile Cancellable request;
    private volatile boolean aborted;
    private volatile boolean expired;

    UpstreamExchange(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Called by the request factory once the client request exists. */
    void bind(Cancellable request) {
        this.request = request;
        if (aborted) {
            request.cancel();
        }
    }

    /** Drops the connection: a blocked read fails at once and nothing is drained. */
    void abort() {
        aborted = true;
        Cancellable current = request;
        if (current != null) {
            current.cancel();
        }
    }

    /** The deadline passed while the exchange was still running. */
    void expire() {
        expired = true;
        abort();
    }

    boolean expired() {
        return expired || System.nanoTime() - deadlineNanos >= 0;
    }
}
