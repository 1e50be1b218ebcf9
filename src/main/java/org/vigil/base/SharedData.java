package org.vigil.base;

import java.nio.file.Path;

/** Where ../shared (datasets and reference models) lives: $VIGIL_SHARED, else ../shared. */
public final class SharedData {
    /** Where the shared folder is when $VIGIL_SHARED is not set. */
    public static final String DEFAULT_ROOT = "../shared";

    /** The shared clip of a woman crying (19.7 s, 24 fps): the benchmarks' and soaks' default distress source. */
    public static final String CRYING_CLIP = "data/videos/pyfeat_WolfgangLanger_Pexels.mp4";
    /** The shared clip of a man smiling (2.4 s, 30 fps): a calm source that must never alert. */
    public static final String SMILING_CLIP = "data/videos/pyfeat_single_face.mp4";

    private SharedData() {}

    public static Path root() {
        String env = System.getenv("VIGIL_SHARED");
        return Path.of(env != null && !env.isBlank() ? env : DEFAULT_ROOT);
    }
}
