package org.vigil.nd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses ND4J's native build before ND4J loads. The oneDNN/AVX2 build is about 5x faster for
 * SameDiff convolutions on CPU, but it crashes on CPUs without AVX2, so it is only picked when the
 * CPU has AVX2 and the jar is on the class path. Must run before the first ND4J class is touched.
 */
public final class NativeSetup {
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    private static final String ONEDNN_EXTENSION = "-onednn-avx2";
    private static volatile boolean configured;

    private NativeSetup() {}

    public static synchronized void configure() {
        if (configured) return;
        configured = true;
        if (System.getProperty(EXTENSION_PROPERTY) != null) return; // the user chose explicitly
        if ("false".equalsIgnoreCase(System.getenv("VIGIL_ONEDNN"))) return;
        if (cpuHasAvx2() && onednnNativesPresent()) {
            System.setProperty(EXTENSION_PROPERTY, ONEDNN_EXTENSION);
        }
        // OpenMP threads: ND4J defaults to all cores, which is what we want on a 2-core box.
    }

    /** The build in use, for logs and benchmark reports. */
    public static String describe() {
        String ext = System.getProperty(EXTENSION_PROPERTY, "");
        return ext.isEmpty() ? "nd4j-native (generic)" : "nd4j-native" + ext;
    }

    static boolean cpuHasAvx2() {
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(info)) return false;
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("flags")) return line.contains(" avx2");
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static boolean onednnNativesPresent() {
        String os = System.getProperty("os.name", "").toLowerCase().contains("linux") ? "linux" : "other";
        String arch = System.getProperty("os.arch", "");
        String platform = os + "-" + ("amd64".equals(arch) ? "x86_64" : arch);
        return NativeSetup.class.getClassLoader().getResource(
                "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + ONEDNN_EXTENSION + "/") != null;
    }
}
