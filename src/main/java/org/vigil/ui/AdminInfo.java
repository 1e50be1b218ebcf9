package org.vigil.ui;

import java.nio.file.Path;
import java.util.List;
import org.vigil.classify.ModelMetadata;

/**
 * What the admin panel shows: the alerts configuration and the model in use, with what is wrong with them.
 *
 * @param configText   the file's text, or null if it could not be read
 * @param configErrors one line per problem, naming line and value where known; empty when valid
 * @param model        metadata of the loaded model, or null
 * @param modelError   why no model is loaded, or null
 */
public record AdminInfo(Path configPath, String configText, List<String> configErrors, Path modelPath,
                        ModelMetadata model, String modelError) {
    public AdminInfo {
        configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
    }

    public static AdminInfo none() {
        return new AdminInfo(null, null, List.of(), null, null, "no model loaded");
    }
}
