package org.vigil.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real data for tests, from $VIGIL_SHARED (default ../shared). A missing file skips the test with
 * the reason shown, except under CI=true, where missing data fails it: CI must test for real.
 */
public final class SharedFiles {
    private SharedFiles() {}

    public static Path root() {
        String env = System.getenv("VIGIL_SHARED");
        return Path.of(env != null && !env.isBlank() ? env : "../shared").toAbsolutePath().normalize();
    }

    /** The file or folder at this path under the shared root; skips (or fails under CI) when absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String reason = "shared data missing: " + p + " (set VIGIL_SHARED to the folder holding data/ and models/)";
            if (isCi()) fail(reason);
            assumeTrue(false, reason);
        }
        return p;
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
