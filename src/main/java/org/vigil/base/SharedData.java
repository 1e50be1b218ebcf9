package org.vigil.base;

import java.nio.file.Path;

/** Where ../shared (datasets and reference models) lives: $VIGIL_SHARED, else ../shared. */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String env = System.getenv("VIGIL_SHARED");
        return Path.of(env != null && !env.isBlank() ? env : "../shared");
    }
}
