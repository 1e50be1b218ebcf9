package org.vigil.ward;

import java.util.List;

/**
 * Who may log in to a ward's embedded broker, and as what.
 *
 * @param name         the MQTT user name; for an edge box it is also its edge id (the room)
 * @param beds         an edge's beds: the only bed topics it may publish to (empty for other roles)
 * @param passwordHash {@link PasswordHash} form, never the password
 */
public record WardUser(String name, Role role, List<String> beds, String passwordHash) {
    /** What a log-in may do under {@code vigil/{site}/{ward}/}. */
    public enum Role {
        /** a room's camera box: publishes its presence, alerts and its beds' states, reads receipts, config and alert states */
        EDGE,
        /** a nurse station's dashboard: reads everything of the ward, publishes only acknowledge/resolve commands */
        STATION,
        /** the central station (when it uses an external broker, or a second central): everything of the ward */
        CENTRAL;

        /** @throws IllegalArgumentException naming the value */
        public static Role parse(String wire) {
            for (Role r : values()) if (r.wire().equals(wire)) return r;
            throw new IllegalArgumentException("role '" + wire + "' must be edge, station or central");
        }

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public WardUser {
        WardTopics.check("user", name);
        beds = List.copyOf(beds);
        beds.forEach(b -> WardTopics.check("bed", b));
        if (role == Role.EDGE && beds.isEmpty()) {
            throw new IllegalArgumentException("edge user '" + name + "' needs its beds (the bed topics it may publish to)");
        }
    }
}
