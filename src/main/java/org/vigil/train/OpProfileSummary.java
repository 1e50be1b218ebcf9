package org.vigil.train;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.profiler.comparison.ProfileAnalyzer;
import org.nd4j.autodiff.listeners.profiler.data.TraceEvent;

/**
 * Sums a SameDiff op trace (ProfilingListener) by op type and by part of the network, because the
 * stock summary lists every op instance (hundreds of lines) and hides which kind of work dominates.
 */
final class OpProfileSummary {
    private OpProfileSummary() {}

    static String summarize(File trace, int steps) {
        Map<String, Long> byType = new LinkedHashMap<>(), byPart = new LinkedHashMap<>();
        long total = 0;
        for (TraceEvent e : ProfileAnalyzer.getTraceEvents(trace, ProfileAnalyzer.ProfileFormat.SAMEDIFF)) {
            if (e.getDur() == null) continue;
            String type = e.getName(); // the op type; args.name is the instance (multiply_bp_20)
            byType.merge(type, e.getDur(), Long::sum);
            byPart.merge(part(type), e.getDur(), Long::sum);
            total += e.getDur();
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ops: %.0f ms per step in total%n%n| part | ms/step | share |%n|---|---:|---:|%n", total / 1e3 / steps));
        append(sb, byPart, total, steps, 20);
        sb.append(String.format("%n| op type | ms/step | share |%n|---|---:|---:|%n"));
        append(sb, byType, total, steps, 15);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Long> m, long total, int steps, int limit) {
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f%% |%n", e.getKey(),
                        e.getValue() / 1e3 / steps, 100.0 * e.getValue() / total)));
    }

    /** Which part of a step an op type belongs to. */
    static String part(String type) {
        if (type.equals("conv2d")) return "convolution forward";
        if (type.equals("conv2d_bp")) return "convolution backward";
        if (type.startsWith("maxpool2d")) return "max pooling (fwd+bwd)";
        if (type.contains("relu")) return "ReLU (fwd+bwd)";
        if (type.contains("softmax") || type.startsWith("matmul") || type.startsWith("mmul")) return "classifier head + loss";
        if (type.endsWith("_bp") || type.contains("derivative")) return "elementwise/reduction backward (batch norm, pooling mean, dropout)";
        return "elementwise/reduction forward (batch norm, pooling mean, dropout)";
    }
}
