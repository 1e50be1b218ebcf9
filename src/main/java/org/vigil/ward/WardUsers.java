package org.vigil.ward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.base.AtomicFiles;

/**
 * The ward's log-ins, kept in a YAML file beside (not inside) the distributed alerts-config:
 * <pre>
 * users:
 *   room-12: {role: edge, beds: [bed-121, bed-122], password: "pbkdf2-sha256$..."}
 *   station-1: {role: station, password: "pbkdf2-sha256$..."}
 * </pre>
 * Written by {@code ./run.sh ward-users}; only password hashes are stored.
 */
public final class WardUsers {
    private static final YAMLMapper YAML = new YAMLMapper();
    private final Map<String, WardUser> users;

    private WardUsers(Map<String, WardUser> users) {
        this.users = Map.copyOf(users);
    }

    public static WardUsers of(List<WardUser> list) {
        Map<String, WardUser> m = new LinkedHashMap<>();
        list.forEach(u -> m.put(u.name(), u));
        return new WardUsers(m);
    }

    /** A missing file is an empty list (the first {@code ward-users add} creates it). @throws IllegalArgumentException naming the file and user */
    public static WardUsers load(Path file) throws IOException {
        JsonNode root;
        String text;
        try {
            text = Files.readString(file);
            root = YAML.readTree(text);
        } catch (NoSuchFileException e) {
            return new WardUsers(Map.of());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + (e.getLocation() != null ? ":" + e.getLocation().getLineNr() : "") + ": not valid YAML: "
                    + e.getOriginalMessage());
        }
        Map<String, WardUser> m = new LinkedHashMap<>();
        JsonNode list = root == null ? null : root.get("users");
        if (list == null || list.isNull()) return new WardUsers(m);
        if (!list.isObject()) throw new IllegalArgumentException(file + ": 'users' must be a map of user name -> {role, password, beds}");
        for (var it = list.fields(); it.hasNext(); ) {
            var e = it.next();
            String where = file + lineOf(text, e.getKey()) + ": user '" + e.getKey() + "'";
            JsonNode u = e.getValue();
            String role = u.path("role").asText("");
            String hash = u.path("password").asText("");
            List<String> beds = new ArrayList<>();
            u.path("beds").forEach(b -> beds.add(b.asText()));
            try {
                WardUser.Role r = WardUser.Role.parse(role);
                PasswordHash.matches(new char[0], hash); // checks the form only
                m.put(e.getKey(), new WardUser(e.getKey(), r, beds, hash));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ": " + ex.getMessage());
            }
        }
        return new WardUsers(m);
    }

    /** ":N" for the line where the user's entry starts (the file is small; the tree has no positions), else "". */
    private static String lineOf(String text, String user) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith(user + ":") || t.startsWith("\"" + user + "\":") || t.startsWith("'" + user + "':")) return ":" + (i + 1);
        }
        return "";
    }

    public Optional<WardUser> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public List<WardUser> all() {
        return List.copyOf(users.values());
    }

    public boolean isEmpty() {
        return users.isEmpty();
    }

    /** This list with {@code user} added or replaced. */
    public WardUsers with(WardUser user) {
        Map<String, WardUser> m = new LinkedHashMap<>(users);
        m.put(user.name(), user);
        return new WardUsers(m);
    }

    public WardUsers without(String name) {
        Map<String, WardUser> m = new LinkedHashMap<>(users);
        m.remove(name);
        return new WardUsers(m);
    }

    /** Writes the file atomically, readable by its owner only. */
    public void save(Path file) throws IOException {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode list = root.putObject("users");
        for (WardUser u : users.values()) {
            ObjectNode n = list.putObject(u.name());
            n.put("role", u.role().wire());
            if (!u.beds().isEmpty()) u.beds().forEach(n.putArray("beds")::add);
            n.put("password", u.passwordHash());
        }
        String text = "# Who may log in to the ward's MQTT broker (written by ./run.sh ward-users; passwords are stored hashed)\n"
                + YAML.writeValueAsString(root).replaceFirst("^---\\s*\\n", "");
        AtomicFiles.replace(file, PosixFilePermissions.fromString("rw-------"), tmp -> Files.writeString(tmp, text));
    }
}
