package org.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.vigil.alerts.AlertManager;
import org.vigil.pipeline.PipelineListener;

/**
 * Vigil's metrics registry (Micrometer, Prometheus text format): the JVM and process meters, the
 * pipeline's ({@link #pipelineListener()}), the alerts' ({@link #bindAlerts}), and whatever other parts
 * register through {@link #gauge} and {@link #counter}. Names use Micrometer's dots
 * ({@code vigil.frames}); Prometheus shows them with underscores and unit suffixes
 * ({@code vigil_frames_total}). Serve it with {@link MetricsServer}.
 */
public final class VigilMetrics implements AutoCloseable {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final PipelineMetrics pipeline = new PipelineMetrics(registry);
    private AlertMetrics alerts;

    public VigilMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (Files.isReadable(PROC_STATUS)) {
            // OpenCV frames and ND4J tensors live outside the Java heap: only the resident size shows them.
            Gauge.builder("process.resident.memory", VigilMetrics::residentBytes).baseUnit("bytes")
                    .description("Resident memory of the whole process (heap, native frames and tensors)").register(registry);
        }
    }

    /** Add it to every pipeline that should be measured (also to each new one when a pipeline restarts). */
    public PipelineListener pipelineListener() {
        return pipeline;
    }

    /** Counts alerts and times acknowledgements of this alert lifecycle (one at a time). */
    public synchronized VigilMetrics bindAlerts(AlertManager manager) {
        if (alerts != null) alerts.close();
        alerts = new AlertMetrics(registry, manager);
        return this;
    }

    /**
     * A value read at each scrape, e.g. {@code gauge("vigil.broker.connected", "1 while connected",
     * () -> client.connected() ? 1 : 0)}. Registering the same name and tags again keeps the first one.
     *
     * @param tags label names and values, alternating ({@code "bed", "bed-1"})
     */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).strongReference(true).register(registry);
    }

    /** A count that only goes up, e.g. messages sent; the same name and tags give the same counter. */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** For meters this class has no shortcut for (timers, summaries). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text format, as {@code /metrics} serves it. */
    public String scrape() {
        return registry.scrape();
    }

    private static Number residentBytes() {
        try {
            List<String> lines = Files.readAllLines(PROC_STATUS);
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // gone or odd: report nothing rather than a wrong figure
        }
        return Double.NaN;
    }

    @Override
    public synchronized void close() {
        if (alerts != null) alerts.close();
        gc.close();
        registry.close();
    }
}
