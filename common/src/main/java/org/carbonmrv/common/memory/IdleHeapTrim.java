package org.carbonmrv.common.memory;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives a native service's empty heap chunks back to the operating system once it goes quiet, as HotSpot's G1 does
 * with its periodic collection: a start fills the young generation once and an idle service would keep those pages
 * until its next collection. Checked every second; a trim is one full collection, at most once per quiet spell.
 * Measured as {@code carbonmrv_heap_idle_trim_seconds} and the resident bytes each trim returned
 * ({@code carbonmrv_heap_idle_trim_returned_bytes}). The JVM form does nothing: its collector has its own settings.
 */
@ApplicationScoped
public class IdleHeapTrim {

    private static final Logger LOG = Logger.getLogger(IdleHeapTrim.class);
    private static final long GROWTH_BYTES = 4L << 20;
    private static final Path STATUS = Path.of("/proc/self/status");

    private final boolean enabled;
    private final QuietHeap heap;
    private final Timer trims;
    private final DistributionSummary returned;
    private ScheduledExecutorService checks;
    /** Looked up by the first check, off the start's path; read on the checking thread only. */
    private List<GarbageCollectorMXBean> collectors;

    public IdleHeapTrim(@ConfigProperty(name = "carbonmrv.heap.idle-trim.enabled", defaultValue = "true") boolean on,
            @ConfigProperty(name = "carbonmrv.heap.idle-trim.quiet", defaultValue = "2s") Duration quiet,
            MeterRegistry registry) {
        this.enabled = on && ImageMode.current() == ImageMode.NATIVE_RUN;
        this.heap = new QuietHeap(quiet.toNanos(), GROWTH_BYTES);
        this.trims = Timer.builder("carbonmrv.heap.idle.trim")
                .description("Full collections that gave a quiet heap's empty chunks back").register(registry);
        this.returned = DistributionSummary.builder("carbonmrv.heap.idle.trim.returned").baseUnit("bytes")
                .description("Resident memory each idle trim gave back").register(registry);
    }

    void start(@Observes StartupEvent started) {
        if (enabled) {
            checks = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "idle-heap-trim");
                thread.setDaemon(true);
                return thread;
            });
            checks.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (checks != null) {
            checks.shutdownNow();
        }
    }

    private void check() {
        try {
            if (heap.trimDue(sample())) {
                trim();
            }
        } catch (RuntimeException e) {
            // a trim that fails once fails every time (the runtime refuses the option): stop rather than retry
            LOG.warn("Idle heap trim failed; the heap keeps the collector's defaults from now on", e);
            checks.shutdown();
        }
    }

    private void trim() {
        OptionalLong before = residentBytes();
        long start = System.nanoTime();
        NativeHeapTrim.collectAndFree();
        trims.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        heap.trimmed(sample());
        OptionalLong after = residentBytes();
        if (before.isPresent() && after.isPresent()) {
            returned.record(Math.max(0, before.getAsLong() - after.getAsLong()));
            LOG.debugf("Idle heap trim: resident %d -> %d MB", before.getAsLong() >> 20, after.getAsLong() >> 20);
        }
    }

    private QuietHeap.Sample sample() {
        if (collectors == null) {
            collectors = ManagementFactory.getGarbageCollectorMXBeans();
        }
        long collections = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            collections += Math.max(0, collector.getCollectionCount());
        }
        Runtime runtime = Runtime.getRuntime();
        return new QuietHeap.Sample(collections, runtime.totalMemory() - runtime.freeMemory(), System.nanoTime());
    }

    /** {@code VmRSS} of {@code /proc/self/status}; empty where there is no such file (not Linux). */
    private static OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) << 10);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("No resident size to report", e);
        }
        return OptionalLong.empty();
    }
}
