package org.vigil.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One real GET of a /metrics endpoint, parsed: series (name and labels) to value. Labels are matched
 * as a set, in any order. For tests and for benchmarks that read other processes' meters.
 */
public record Scrape(int status, String contentType, String body, Map<String, Double> series) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static Scrape get(URI url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Scrape(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), parse(r.body()));
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new TreeMap<>();
            if (brace >= 0 && brace < space) {
                String inner = line.substring(brace + 1, line.lastIndexOf('}'));
                // Micrometer's label values here have no commas or quotes inside.
                for (String kv : inner.split(",")) {
                    if (kv.isBlank()) continue;
                    int eq = kv.indexOf('=');
                    labels.put(kv.substring(0, eq), kv.substring(eq + 2, kv.length() - 1));
                }
            }
            out.put(key(name, labels), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }

    /** The value of a series, e.g. {@code value("vigil_frames_total", "bed", "bed-1")}; NaN when absent. */
    public double value(String name, String... labels) {
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) l.put(labels[i], labels[i + 1]);
        return series.getOrDefault(key(name, l), Double.NaN);
    }

    /** The sum over every series of a name that has these labels (and maybe others). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (var e : series.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(name + "{")) continue;
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                String l = labels[i] + "=" + labels[i + 1];
                if (!(k.contains("{" + l + ",") || k.contains(" " + l + ",") || k.contains("{" + l + "}") || k.contains(" " + l + "}"))) all = false;
            }
            if (all) total += e.getValue();
        }
        return total;
    }

    /** Whether some series of this name exists (any labels). */
    public boolean has(String name) {
        return series.keySet().stream().anyMatch(k -> k.equals(name + "{}") || k.startsWith(name + "{"));
    }

    /** The series of a name with their labels, for failure messages. */
    public String show(String name) {
        return Arrays.toString(series.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{")).toArray());
    }
}
