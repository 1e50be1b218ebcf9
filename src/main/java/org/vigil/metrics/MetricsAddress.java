package org.vigil.metrics;

import org.vigil.base.Defaults;

/**
 * Where the metrics endpoint listens, as {@code --metrics} gives it: {@code PORT} (on
 * {@link Defaults#METRICS_HOST}, this machine only) or {@code HOST:PORT} ({@code [::1]:PORT} for IPv6).
 * Port 0 picks a free port (tests).
 */
public record MetricsAddress(String host, int port) {
    public MetricsAddress {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("metrics host is empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("metrics port " + port + " is not in 0-65535");
    }

    /** The default: {@link Defaults#METRICS_HOST}:{@link Defaults#METRICS_PORT}. */
    public static MetricsAddress defaults() {
        return new MetricsAddress(Defaults.METRICS_HOST, Defaults.METRICS_PORT);
    }

    /** @throws IllegalArgumentException naming the value when it is not PORT or HOST:PORT */
    public static MetricsAddress parse(String value) {
        String v = value == null ? "" : value.trim();
        String host = Defaults.METRICS_HOST;
        String port = v;
        int colon = v.lastIndexOf(':');
        if (colon >= 0) {
            host = v.substring(0, colon);
            port = v.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (host.isBlank() || host.contains(":") && !v.startsWith("[")) throw bad(value, null);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(value, null);
        }
        if (p < 0 || p > 65535) throw bad(value, "port " + p + " is not in 0-65535");
        return new MetricsAddress(host, p);
    }

    private static IllegalArgumentException bad(String value, String why) {
        return new IllegalArgumentException("--metrics '" + value + "': " + (why != null ? why + "; " : "")
                + "expected PORT or HOST:PORT, e.g. " + Defaults.METRICS_PORT + " (on " + Defaults.METRICS_HOST
                + ") or 0.0.0.0:" + Defaults.METRICS_PORT);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
