package org.vigil.nursecall;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.rules.ConfigError;
import org.vigil.rules.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and checks alerts-config/integrations.yaml through SnakeYAML's node tree, like the rules,
 * so every error names file:line:column; collects all errors in one pass. A missing file means
 * "no integrations". The schema is documented in alerts-config/README.md.
 */
public final class IntegrationsConfigLoader {
    private static final Set<String> TOP = Set.of("version", "nurse_call");
    private static final Set<String> NURSE_CALL = Set.of("enabled", "host", "port", "tls", "connect_timeout", "ack_timeout", "retry",
            "offline_alert_after", "outbox", "sender", "receiver", "locations", "codes");
    private static final Set<String> RETRY = Set.of("first", "max");
    private static final Set<String> SENDER = Set.of("application", "device_id", "facility");
    private static final Set<String> RECEIVER = Set.of("application", "facility");
    private static final Set<String> LOCATION = Set.of("ward", "room", "bed", "facility", "patient_id", "patient_authority", "patient_name");
    private static final Set<String> CODES = Set.of("profile", "alarm", "events", "source", "phase", "state", "inactivation", "priority", "type");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h)?");
    private static final Pattern EUI64 = Pattern.compile("[0-9A-Fa-f]{16}");
    /** HL7 delimiters that would break a field written verbatim (codes, ids). */
    private static final Pattern DELIMITERS = Pattern.compile("[|~\\\\&\\r\\n]");

    private final String file;
    private final List<ConfigError> errors = new ArrayList<>();

    private IntegrationsConfigLoader(String file) {
        this.file = file;
    }

    /** {@code configDir}/integrations.yaml (a folder), or nothing when it is absent or {@code configDir} is a single rules file. */
    public static IntegrationsConfig load(Path configDir) throws ConfigException {
        Path f = configDir.resolve(IntegrationsConfig.FILE_NAME);
        if (!Files.isDirectory(configDir) || !Files.isRegularFile(f)) return IntegrationsConfig.NONE;
        try {
            return parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(f.toString(), 0, 0, "cannot read: " + e.getMessage())));
        }
    }

    /** For `alerts validate`: one line on integrations.yaml when the folder has one (errors thrown). */
    public static java.util.Optional<String> describe(Path configDir) throws ConfigException {
        Path f = configDir.resolve(IntegrationsConfig.FILE_NAME);
        if (!Files.isDirectory(configDir) || !Files.isRegularFile(f)) return java.util.Optional.empty();
        NurseCallConfig n = load(configDir).nurseCall();
        return java.util.Optional.of(f + ": OK, nurse call " + (n.enabled()
                ? "on: ORU^R40 over MLLP" + (n.tls() ? "/TLS" : "") + " to " + n.host() + ":" + n.port() + ", " + n.locations().size() + " bed location(s)"
                : "off"));
    }

    public static IntegrationsConfig parse(String name, String text) throws ConfigException {
        IntegrationsConfigLoader l = new IntegrationsConfigLoader(name);
        IntegrationsConfig c = l.read(text);
        if (!l.errors.isEmpty()) {
            l.errors.sort(java.util.Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            throw new ConfigException(l.errors);
        }
        return c;
    }

    private IntegrationsConfig read(String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException ex) {
            Mark m = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
            errors.add(new ConfigError(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "YAML syntax: " + (ex.getProblem() != null ? ex.getProblem() : ex.getMessage()).trim()));
            return IntegrationsConfig.NONE;
        } catch (RuntimeException ex) {
            errors.add(new ConfigError(file, 0, 0, "YAML: " + ex.getMessage()));
            return IntegrationsConfig.NONE;
        }
        if (root == null) return IntegrationsConfig.NONE;
        Map<String, Node> top = mapping(root, "the top level", TOP);
        if (top == null) return IntegrationsConfig.NONE;
        Node v = top.get("version");
        if (v != null) {
            Double n = number(v, "version");
            if (n != null && n != 1) error(v, "version " + scalar(v) + " is not supported (this Vigil reads version 1)");
        }
        Node nc = top.get("nurse_call");
        return new IntegrationsConfig(nc == null ? NurseCallConfig.OFF : nurseCall(nc));
    }

    private NurseCallConfig nurseCall(Node n) {
        NurseCallConfig d = NurseCallConfig.OFF;
        Map<String, Node> m = mapping(n, "nurse_call", NURSE_CALL);
        if (m == null) return d;
        boolean enabled = opt(m, "enabled", x -> bool(x, "enabled"), false);
        String host = opt(m, "host", x -> string(x, "host"), null);
        if (enabled && host == null) error(m.containsKey("enabled") ? m.get("enabled") : n, "nurse_call is enabled but has no 'host' (the Alert Manager's address)");
        int port = opt(m, "port", x -> {
            Double p = number(x, "port");
            if (p == null) return null;
            if (p != Math.rint(p) || p < 1 || p > 65535) {
                error(x, "'port' must be a whole number from 1 to 65535, got " + scalar(x));
                return null;
            }
            return p.intValue();
        }, d.port());
        boolean tls = opt(m, "tls", x -> bool(x, "tls"), d.tls());
        Duration connect = opt(m, "connect_timeout", x -> positive(x, "connect_timeout"), d.connectTimeout());
        Duration ackTimeout = opt(m, "ack_timeout", x -> positive(x, "ack_timeout"), d.ackTimeout());
        Duration first = d.retryFirst(), max = d.retryMax();
        if (m.containsKey("retry")) {
            Map<String, Node> r = mapping(m.get("retry"), "retry", RETRY);
            if (r != null) {
                first = opt(r, "first", x -> positive(x, "retry.first"), first);
                max = opt(r, "max", x -> positive(x, "retry.max"), max);
                if (first.compareTo(max) > 0) error(m.get("retry"), "retry.first (" + first.toMillis() / 1000.0 + " s) is longer than retry.max ("
                        + max.toMillis() / 1000.0 + " s)");
            }
        }
        Duration offline = opt(m, "offline_alert_after", x -> positive(x, "offline_alert_after"), d.offlineAlertAfter());
        Path outbox = opt(m, "outbox", x -> {
            String s = string(x, "outbox");
            return s == null ? null : Path.of(s);
        }, d.outbox());
        String app = d.application(), device = d.deviceId(), facility = d.facility();
        if (m.containsKey("sender")) {
            Map<String, Node> s = mapping(m.get("sender"), "sender", SENDER);
            if (s != null) {
                app = opt(s, "application", x -> hl7Id(x, "sender.application"), app);
                device = opt(s, "device_id", x -> {
                    String id = string(x, "sender.device_id");
                    if (id != null && !EUI64.matcher(id).matches()) {
                        error(x, "'sender.device_id' must be an EUI-64: 16 hexadecimal digits (e.g. 0012340000000001), got '" + id + "'");
                        return null;
                    }
                    return id;
                }, device);
                facility = opt(s, "facility", x -> hl7Id(x, "sender.facility"), facility);
            }
        }
        String rApp = d.receivingApplication(), rFacility = d.receivingFacility();
        if (m.containsKey("receiver")) {
            Map<String, Node> r = mapping(m.get("receiver"), "receiver", RECEIVER);
            if (r != null) {
                rApp = opt(r, "application", x -> hl7Id(x, "receiver.application"), rApp);
                rFacility = opt(r, "facility", x -> hl7Id(x, "receiver.facility"), rFacility);
            }
        }
        Map<String, BedLocation> locations = new LinkedHashMap<>();
        if (m.containsKey("locations")) locations(m.get("locations"), locations);
        Pcd04Codes codes = m.containsKey("codes") ? codes(m.get("codes")) : d.codes();
        return new NurseCallConfig(enabled, host, port, tls, connect, ackTimeout, first, max, offline, outbox, app, device, facility,
                rApp, rFacility, locations, codes);
    }

    private void locations(Node n, Map<String, BedLocation> out) {
        if (!(n instanceof MappingNode mn)) {
            error(n, "'locations' must map Vigil bed names to {ward, room, bed, ...}");
            return;
        }
        for (NodeTuple t : mn.getValue()) {
            String bed = scalar(t.getKeyNode());
            if (bed == null) {
                error(t.getKeyNode(), "bed names must be plain names");
                continue;
            }
            if (out.containsKey(bed)) error(t.getKeyNode(), "bed '" + bed + "' is listed twice");
            Map<String, Node> l = mapping(t.getValueNode(), "locations." + bed, LOCATION);
            if (l == null) continue;
            String w = "locations." + bed + ".";
            out.put(bed, new BedLocation(opt(l, "ward", x -> string(x, w + "ward"), null), opt(l, "room", x -> string(x, w + "room"), null),
                    opt(l, "bed", x -> string(x, w + "bed"), null), opt(l, "facility", x -> string(x, w + "facility"), null),
                    opt(l, "patient_id", x -> string(x, w + "patient_id"), null),
                    opt(l, "patient_authority", x -> string(x, w + "patient_authority"), null),
                    opt(l, "patient_name", x -> string(x, w + "patient_name"), null)));
        }
    }

    private Pcd04Codes codes(Node n) {
        Pcd04Codes d = Pcd04Codes.DEFAULT;
        Map<String, Node> m = mapping(n, "codes", CODES);
        if (m == null) return d;
        String profile = opt(m, "profile", x -> {
            String s = string(x, "codes.profile");
            if (s != null && (DELIMITERS.matcher(s).find() || s.split("\\^", -1).length != 4)) {
                error(x, "'codes.profile' is an HL7 EI: entity^namespace^universal id^type (default " + Pcd04Codes.IHE_PCD_ACM_PROFILE + ")");
                return null;
            }
            return s;
        }, d.profile());
        Map<String, HL7Code> events = new LinkedHashMap<>(d.events());
        if (m.containsKey("events")) {
            Node ev = m.get("events");
            if (ev instanceof MappingNode mn) {
                for (NodeTuple t : mn.getValue()) {
                    String kind = scalar(t.getKeyNode());
                    HL7Code c = code(t.getValueNode(), "codes.events." + kind);
                    if (kind != null && c != null) events.put(kind, c);
                }
            } else error(ev, "'codes.events' must map alert kinds (distress, camera-offline, not-visible, model-failure) to codes");
        }
        return new Pcd04Codes(profile, opt(m, "alarm", x -> code(x, "codes.alarm"), d.alarm()), events,
                opt(m, "source", x -> code(x, "codes.source"), d.source()), opt(m, "phase", x -> code(x, "codes.phase"), d.phase()),
                opt(m, "state", x -> code(x, "codes.state"), d.state()),
                opt(m, "inactivation", x -> code(x, "codes.inactivation"), d.inactivation()),
                opt(m, "priority", x -> code(x, "codes.priority"), d.priority()), opt(m, "type", x -> code(x, "codes.type"), d.type()));
    }

    // ---------------------------------------------------------------------------------------------

    /** The value under {@code key} read by {@code read}; the default when absent or wrong (the error is recorded). */
    private static <T> T opt(Map<String, Node> m, String key, Function<Node, T> read, T dflt) {
        Node n = m.get(key);
        if (n == null) return dflt;
        T v = read.apply(n);
        return v == null ? dflt : v;
    }

    private Map<String, Node> mapping(Node n, String what, Set<String> allowed) {
        if (!(n instanceof MappingNode mn)) {
            error(n, what + " must be a mapping of 'key: value' lines");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            String k = scalar(t.getKeyNode());
            if (k == null) error(t.getKeyNode(), "keys must be plain names");
            else if (out.containsKey(k)) error(t.getKeyNode(), "duplicate key '" + k + "' in " + what);
            else if (!allowed.contains(k)) error(t.getKeyNode(), "unknown key '" + k + "' in " + what + " (expected one of: "
                    + String.join(", ", new TreeSet<>(allowed)) + ")");
            else out.put(k, t.getValueNode());
        }
        return out;
    }

    private HL7Code code(Node n, String what) {
        String s = string(n, what);
        if (s == null) return null;
        if (DELIMITERS.matcher(s).find()) {
            error(n, "'" + what + "' must not contain | ~ \\ & or line breaks");
            return null;
        }
        try {
            return HL7Code.parse(s);
        } catch (IllegalArgumentException e) {
            error(n, "'" + what + "': " + e.getMessage());
            return null;
        }
    }

    private String hl7Id(Node n, String what) {
        String s = string(n, what);
        if (s != null && (DELIMITERS.matcher(s).find() || s.contains("^"))) {
            error(n, "'" + what + "' must not contain HL7 delimiters | ^ ~ \\ &");
            return null;
        }
        return s;
    }

    private Duration positive(Node n, String what) {
        String s = scalar(n);
        Matcher mt = s == null ? null : DURATION.matcher(s.trim());
        if (mt == null || !mt.matches()) {
            error(n, "'" + what + "' must be a duration such as 500ms, 10s, 2m, got " + (s == null ? "a " + kind(n) : "'" + s + "'"));
            return null;
        }
        double v = Double.parseDouble(mt.group(1));
        String unit = mt.group(2) == null ? "s" : mt.group(2);
        double ms = switch (unit) {
            case "ms" -> v;
            case "m", "min" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> v * 1000;
        };
        if (ms <= 0) {
            error(n, "'" + what + "' must be longer than zero");
            return null;
        }
        return Duration.ofMillis(Math.round(ms));
    }

    private Boolean bool(Node n, String what) {
        String s = scalar(n);
        if ("true".equals(s)) return true;
        if ("false".equals(s)) return false;
        error(n, "'" + what + "' must be true or false, got " + (s == null ? "a " + kind(n) : "'" + s + "'"));
        return null;
    }

    private Double number(Node n, String what) {
        String s = scalar(n);
        try {
            if (s != null) return Double.parseDouble(s.trim());
        } catch (NumberFormatException ignored) {
            // reported below
        }
        error(n, "'" + what + "' must be a number, got " + (s == null ? "a " + kind(n) : "'" + s + "'"));
        return null;
    }

    private String string(Node n, String what) {
        String s = scalar(n);
        if (s == null || s.isBlank()) {
            error(n, "'" + what + "' must be a text value");
            return null;
        }
        return s.trim();
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String kind(Node n) {
        return n instanceof MappingNode ? "mapping" : "list";
    }

    private void error(Node n, String message) {
        Mark m = n == null ? null : n.getStartMark();
        errors.add(new ConfigError(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, message));
    }
}
