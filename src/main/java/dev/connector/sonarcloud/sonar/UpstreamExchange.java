package dev.connector.sonarcloud.sonar;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * One HTTP attempt in flight: the request's deadline, and the client request once built, so that the attempt can be
 * aborted from outside (the deadline alarm) or from the reading side (a body over the size cap) without draining it.
 * An attempt ends exactly once: finished (its body read) or aborted; an abort never touches a finished attempt.
 */
final class UpstreamExchange {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int ABORTED = 2;

    private final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile Cancellable request;
    private volatile boolean expired;

    UpstreamExchange(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Called once the client request exists. */
    void bind(Cancellable request) {
        this.request = request;
        if (state.get() == ABORTED) {
            request.cancel();
        }
    }

    /** Drops the connection unless the attempt already finished: a blocked read fails at once, nothing is drained. */
    void abort() {
        if (state.compareAndSet(RUNNING, ABORTED)) {
            Cancellable current = request;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /** The deadline passed: abort the attempt if it is still running. */
    void expire() {
        expired = true;
        abort();
    }

    /** The body is read; false when the attempt was aborted first (its result must not be used). */
    boolean finish() {
        return state.compareAndSet(RUNNING, FINISHED);
    }

    boolean aborted() {
        return state.get() == ABORTED;
    }

    boolean expired() {
        return expired || System.nanoTime() - deadlineNanos >= 0;
    }
}
