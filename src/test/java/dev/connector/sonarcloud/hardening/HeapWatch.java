package dev.connector.sonarcloud.hardening;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The live heap (used right after a full collection), sampled every 100 ms while something runs: its growth over
 * the baseline is what an attack holds on to at once, which is what brings a small heap to OutOfMemoryError.
 * Everything in this JVM counts (the simulator too), so the figure is an upper bound for the service.
 */
final class HeapWatch implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long baseline;
    private volatile long peak;
    private volatile boolean running = true;
    private final Thread sampler;

    HeapWatch() {
        this.baseline = liveHeap();
        this.peak = baseline;
        this.sampler = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
            while (running) {
                peak = Math.max(peak, liveHeap());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** The largest live-heap growth seen so far, in MiB. */
    long growthMiB() {
        return Math.max(0, peak - baseline) >> 20;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
